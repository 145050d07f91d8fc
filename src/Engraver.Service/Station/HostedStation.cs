using Engraver.Core.Geometry;
using Engraver.Core.MaterialTest;
using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Service.Options;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>The station, hosted in this process for a commissioning verb (the material test, the calibration) while the
/// service is stopped: the same
/// parts the service runs (the station lease, the record store, the controller on its serial port, the camera,
/// the station I/O and the station loop whose state machine alone switches laser-enable), connected, homed and
/// started. The lease keeps a running service (or a second test) off the station; nothing takes serials from the
/// job queue here, so the verb is the only thing that moves the machine. Disposing it switches everything off.</summary>
public sealed class HostedStation : IAsyncDisposable
{
    private readonly StationIo _io;
    private readonly StationLoop _loop;
    private readonly CancellationTokenSource _loopStop;
    private readonly Task _loopTask;
    private StationDevices? _devices;
    private StationRig? _rig;

    private HostedStation(StationIo io, StationLoop loop, CancellationTokenSource loopStop, Task loopTask)
    {
        _io = io;
        _loop = loop;
        _loopStop = loopStop;
        _loopTask = loopTask;
    }

    public StationLoop Loop => _loop;

    public StationRig Rig => _rig ?? throw new InvalidOperationException("The station is not connected.");

    public IRecordStore Records => Rig.Records;

    /// <summary>Takes the station's lease, opens its devices, connects the controller through the station loop and
    /// homes it. Throws <see cref="Traceability.Leases.StationLeaseHeldException"/> when the service (or another test)
    /// holds the station.</summary>
    public static async Task<HostedStation> OpenAsync(StationRigFactory rigs, StationIoFactory ios, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rigs);
        ArgumentNullException.ThrowIfNull(ios);
        var io = ios.Create();
        var loop = new StationLoop(new StationStateMachine(), io, logger);
        var loopStop = new CancellationTokenSource();
        var station = new HostedStation(io, loop, loopStop, loop.RunAsync(loopStop.Token));
        try
        {
            station._devices = await rigs.OpenDevicesAsync(cancellationToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Connect, cancellationToken).ConfigureAwait(false);
            ControllerConnection connection;
            try
            {
                connection = await rigs.ConnectAsync(station._devices, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await loop.FireAsync(StationTrigger.LinkLost, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            station._rig = station._devices.With(connection);
            // A door opened mid-cell sends the safety-door and feed-hold bytes to this controller at once.
            await loop.AttachControllerAsync(new GrblRealtimeCommands(connection.Client), cancellationToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Connected, cancellationToken).ConfigureAwait(false);
            await StationHoming.UnlockAndHomeAsync(loop, connection.Client, cancellationToken).ConfigureAwait(false);
            return station;
        }
        catch
        {
            await station.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The operator's Start, given by the person running the test: pins (here, cells) may start.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _loop.FireAsync(StationTrigger.Start, cancellationToken);

    /// <summary>Every cell's centre under the laser, and under the camera, must be inside the travel the controller
    /// listed; the list of what is not (empty: all fit). Checked before anything burns.</summary>
    public IReadOnlyList<string> OutOfReach(TestGrid grid, Point2 coupon, Point2 cameraOffset, double focusZ)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var travel = Rig.Travel;
        var problems = new List<string>();
        foreach (var cell in grid.Cells())
        {
            var centre = coupon + cell.OffsetMm;
            foreach (var (what, at) in new[] { ("under the laser", centre), ("under the camera", centre - cameraOffset) })
            {
                if (travel.Refuse(new Point3(at.X, at.Y, focusZ)) is { Count: > 0 } axes)
                {
                    problems.Add($"cell {cell.Name} {what} at X {at.X:0.###} Y {at.Y:0.###}: {string.Join("; ", axes)}");
                }
            }
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.Connection.DisposeAsync().ConfigureAwait(false);
        }

        if (_devices is not null)
        {
            await _devices.DisposeAsync().ConfigureAwait(false);
        }

        // The loop's own end drops laser-enable.
        await _loopStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(_loopTask).ConfigureAwait(false);
        _loopStop.Dispose();
        _io.Dispose();
    }
}
