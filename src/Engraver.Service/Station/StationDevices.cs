using Engraver.Core.Firmware;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Grbl;
using Engraver.Simulator.Laser;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>The station's devices that outlive a controller link: the record store (and its job queue), the
/// camera, the firmware profile, the evidence folder and the twin when the station is simulated. A lost
/// controller link replaces only the <see cref="ControllerConnection"/>; these stay open.</summary>
public sealed class StationDevices(
    ICamera camera,
    IRecordStore records,
    FirmwareProfile firmware,
    string evidenceFolder,
    GrblSimulator? simulator,
    bool cameraFrameFixedAtCall = false) : IAsyncDisposable
{
    public ICamera Camera { get; } = camera;

    public IRecordStore Records { get; } = records;

    public FirmwareProfile Firmware { get; } = firmware;

    public string EvidenceFolder { get; } = evidenceFolder;

    /// <summary>The station twin, when the controller port is "simulator"; null on hardware.</summary>
    public GrblSimulator? Simulator { get; } = simulator;

    /// <summary>The executed-motion log of a GRBL firmware simulator, when the camera twin photographs it.</summary>
    public ExecutedMotionLog? ExecutedLog => (RawCamera as SimulatedCamera)?.BurnLog as ExecutedMotionLog;

    /// <summary>The camera itself, without the station's calibration applied to its frames.</summary>
    public ICamera RawCamera => Camera is Calibration.CalibratedCamera calibrated ? calibrated.Inner : Camera;

    /// <summary>See <see cref="StationRig.CameraFrameFixedAtCall"/>.</summary>
    public bool CameraFrameFixedAtCall { get; } = cameraFrameFixedAtCall;

    /// <summary>The station's lease on the record store, given back last, after the store is closed.</summary>
    public IStationLease? Lease { get; init; }

    /// <summary>The devices with a connected controller: what a batch runs on.</summary>
    public StationRig With(ControllerConnection connection) => new(this, connection);

    public async ValueTask DisposeAsync()
    {
        await Records.DisposeAsync().ConfigureAwait(false);
        if (Camera is IDisposable camera)
        {
            camera.Dispose();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync().ConfigureAwait(false);
        }

        if (Lease is not null)
        {
            await Lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
