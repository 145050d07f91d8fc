using Engraver.Core.Firmware;
using Engraver.Core.Machine;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Grbl;
using Engraver.Simulator.Grbl;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>The connected devices of one station: controller link, camera, record store, and the twin
/// when the station is simulated. Disposing it leaves the laser off (soft reset) and closes everything.</summary>
public sealed class StationRig(
    GrblClient controller,
    ICamera camera,
    IRecordStore records,
    FirmwareProfile firmware,
    string firmwareBanner,
    string evidenceFolder,
    GrblSimulator? simulator,
    bool cameraFrameFixedAtCall = false) : IAsyncDisposable
{
    public GrblClient Controller { get; } = controller;

    public ICamera Camera { get; } = camera;

    public IRecordStore Records { get; } = records;

    public FirmwareProfile Firmware { get; } = firmware;

    public string FirmwareBanner { get; } = firmwareBanner;

    public string EvidenceFolder { get; } = evidenceFolder;

    /// <summary>The station twin, when the controller port is "simulator"; null on hardware.</summary>
    public GrblSimulator? Simulator { get; } = simulator;

    /// <summary>True when the camera's picture is fixed the moment a capture is requested, so the pin may
    /// leave the camera before the frame arrives. The twin's camera photographs the burn log at that instant;
    /// a real camera exposes during the capture (false).</summary>
    public bool CameraFrameFixedAtCall { get; } = cameraFrameFixedAtCall;

    /// <summary>The machine's travel as the controller listed it at its last connect: every move is checked
    /// against it before it is sent.</summary>
    public MachineTravel Travel => Controller.Connection?.Machine.Travel
        ?? throw new InvalidOperationException("The controller has not connected: its travel is not known yet.");

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync().ConfigureAwait(false);
        await Records.DisposeAsync().ConfigureAwait(false);
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
