using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Station;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Gpio;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Simulator.Gpio;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engraver.Integration.Tests.Support;

/// <summary>The embedded default station (twin on a pty, simulated GPIO and camera, SQLite in a temp
/// folder), connected, homed and started through the station loop, with a batch runner built as the service builds it.</summary>
internal sealed class StationHarness : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly StationRigFactory _factory;
    private readonly CancellationTokenSource _loopStop = new();
    private readonly Task _loopTask;
    private readonly StationOptions _station;
    private readonly CameraOptions _camera;
    private readonly FixtureOptions _tray;

    private StationHarness(TempFolder folder, StationRigFactory factory, StationOptions station, CameraOptions camera, FixtureOptions tray)
    {
        _folder = folder;
        _factory = factory;
        _station = station;
        _camera = camera;
        _tray = tray;
        Wiring = new SimulatedStationIo(StationIoMap.Default());
        Io = new StationIo(StationIoMap.Default(), Wiring.DriverFor);
        Machine = new StationStateMachine();
        Loop = new StationLoop(Machine, Io, NullLogger.Instance);
        _loopTask = Loop.RunAsync(_loopStop.Token);
    }

    public StationRig Rig { get; private set; } = null!;

    public StationStateMachine Machine { get; }

    public StationLoop Loop { get; }

    public StationIo Io { get; }

    /// <summary>The station's wires: open the door, press the e-stop, read the laser-enable relay.</summary>
    public SimulatedStationIo Wiring { get; }

    public MarkPlan Plan { get; private set; } = null!;

    public BatchRunner Runner { get; private set; } = null!;

    /// <summary>The station's id, under which it claims serials from the job queue.</summary>
    public string StationId => _station.Id;

    /// <summary>Slots in the tray.</summary>
    public int SlotCount => _tray.ToFixture().SlotCount;

    public static async Task<StationHarness> StartAsync(CancellationToken cancellationToken, int rows = 2, int columns = 6, double timeScale = 0.0, int responseTimeoutMs = 5000)
    {
        var folder = new TempFolder();
        var station = new StationOptions { FirmwareProfilesFolder = Path.Combine(RepositoryFiles.Root, "firmware-profiles"), DataFolder = folder.Path };
        var camera = new CameraOptions();
        var tray = new FixtureOptions { Rows = rows, Columns = columns };
        var controller = new ControllerOptions { SimulatorTimeScale = timeScale, ResponseTimeoutMs = responseTimeoutMs };
        var factory = new StationRigFactory(Options.Create(station), Options.Create(controller), Options.Create(camera), Options.Create(tray));
        var harness = new StationHarness(folder, factory, station, camera, tray);
        await harness.ConnectAndHomeAsync(cancellationToken);
        return harness;
    }

    /// <summary>Opens the devices again (a new twin on a new pty: a replaced cable), then connects and homes.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await Loop.AttachControllerAsync(null, cancellationToken);
        await Rig.DisposeAsync();
        if (Machine.State is not (StationState.Faulted or StationState.Disconnected))
        {
            await Loop.FireAsync(StationTrigger.LinkLost, cancellationToken);
        }

        await Loop.FireAsync(StationTrigger.Connect, cancellationToken);
        await ConnectAndHomeAsync(cancellationToken, alreadyConnecting: true);
    }

    /// <summary>An alarmed controller: reset, unlock, home again and press Start, as the operator would.</summary>
    public async Task UnlockAndHomeAsync(CancellationToken cancellationToken)
    {
        await StationHoming.UnlockAndHomeAsync(Loop, Rig.Controller, cancellationToken);
        await Loop.FireAsync(StationTrigger.Start, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _loopStop.CancelAsync();
        await Task.WhenAny(_loopTask);
        await Rig.DisposeAsync();
        Io.Dispose();
        _loopStop.Dispose();
        _folder.Dispose();
    }

    private async Task ConnectAndHomeAsync(CancellationToken cancellationToken, bool alreadyConnecting = false)
    {
        if (!alreadyConnecting)
        {
            await Loop.FireAsync(StationTrigger.Connect, cancellationToken);
        }

        Rig = await _factory.CreateAsync(cancellationToken);
        Rig.Simulator!.LaserInterlock = Wiring.LaserInterlockClosed;
        Rig.Controller.AlarmRaised += (_, _) => Loop.Notify(StationTrigger.AlarmRaised);
        await Loop.AttachControllerAsync(new GrblRealtimeCommands(Rig.Controller), cancellationToken);
        await Loop.FireAsync(StationTrigger.Connected, cancellationToken);
        await UnlockAndHomeAsync(cancellationToken);

        Plan = new MarkPlan(PinProfile.Default, Recipe.Default, Rig.Firmware);
        Runner = RunnerWith();
    }

    /// <summary>A batch runner on this station with its camera or evidence writer replaced (a failing double).
    /// A replaced camera exposes inside the capture, as a real one does.</summary>
    public BatchRunner RunnerWith(ICamera? camera = null, IEvidenceWriter? evidence = null, MarkPlans? plans = null)
    {
        var rig = camera is null
            ? Rig
            : new StationRig(new StationDevices(camera, Rig.Records, Rig.Firmware, Rig.EvidenceFolder, Rig.Simulator, cameraFrameFixedAtCall: false), Rig.Connection);
        var context = new StationContext(_station.Id, "tester", new Point2(_camera.OffsetXMm, _camera.OffsetYMm), MarkVerifierOptions.Default, evidence ?? new EvidenceWriter());
        return new BatchRunner(rig, Loop, _tray.ToFixture(), plans ?? MarkPlans.Of(Plan), context, new IdentityValidator(), maxAttemptsPerSerial: 2, TimeProvider.System, NullLogger.Instance);
    }
}

/// <summary>Reports synchronously, on the runner's own flow, so a test can act between two pins.</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
