using Engraver.Service.Options;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>Which of the station's devices are simulated, from its configuration: the controller (the station
/// twin, or a GRBL firmware simulator whose executed motion the camera twin photographs), the camera (the
/// twin) and the I/O (the simulated GPIO driver). Every pin record, the log at start and /health say it, so a
/// simulated pin is never taken for a production one.</summary>
public sealed class SimulatedDevices
{
    public SimulatedDevices(IOptions<ControllerOptions> controller, IOptions<CameraOptions> camera, IOptions<StationIoOptions> io)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(io);
        Names = For(controller.Value, camera.Value, io.Value);
    }

    /// <summary>"controller, camera, io" or a part of it; empty on a production station.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The names as a pin record holds them; null on a production station.</summary>
    public string? RecordText => Names.Count == 0 ? null : string.Join(", ", Names);

    public static IReadOnlyList<string> For(ControllerOptions controller, CameraOptions camera, StationIoOptions io)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(io);
        var names = new List<string>();
        var firmwareSimulator = camera.Kind == CameraKind.Simulated && !string.IsNullOrWhiteSpace(camera.ExecutedLogPath);
        if (controller.IsSimulator || firmwareSimulator)
        {
            names.Add("controller");
        }

        if (camera.Kind == CameraKind.Simulated)
        {
            names.Add("camera");
        }

        if (io.Driver == GpioDriverKind.Simulated)
        {
            names.Add("io");
        }

        return names;
    }
}
