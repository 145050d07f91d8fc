using Engraver.Core.Firmware;
using Engraver.Core.Machine;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Grbl;
using Engraver.Simulator.Grbl;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>The station's devices with one controller connection: what a pin cycle runs on. The devices
/// outlive the connection (a lost link is replaced by a new connection on the same devices). Disposing the
/// rig closes both, for owners of both (tests, the bench); the station worker disposes each part itself.</summary>
public sealed class StationRig(StationDevices devices, ControllerConnection connection) : IAsyncDisposable
{
    public StationDevices Devices { get; } = devices;

    public ControllerConnection Connection { get; } = connection;

    public GrblClient Controller => Connection.Client;

    public ICamera Camera => Devices.Camera;

    public IRecordStore Records => Devices.Records;

    public FirmwareProfile Firmware => Devices.Firmware;

    public string FirmwareBanner => Connection.Facts.Banner;

    public string EvidenceFolder => Devices.EvidenceFolder;

    /// <summary>The station twin, when the controller port is "simulator"; null on hardware.</summary>
    public GrblSimulator? Simulator => Devices.Simulator;

    /// <summary>True when the camera's picture is fixed the moment a capture is requested, so the pin may
    /// leave the camera before the frame arrives. The twin's camera photographs the burn log at that instant;
    /// a real camera exposes during the capture (false).</summary>
    public bool CameraFrameFixedAtCall => Devices.CameraFrameFixedAtCall;

    /// <summary>The machine's travel as the controller listed it at its last connect (an unlock connects
    /// again): every move is checked against it before it is sent.</summary>
    public MachineTravel Travel => (Controller.Connection ?? Connection.Facts).Machine.Travel;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        await Devices.DisposeAsync().ConfigureAwait(false);
    }
}
