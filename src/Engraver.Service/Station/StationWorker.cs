using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Station;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Traceability.Jobs;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>The station service: opens the I/O, starts the station loop (the only place the state machine
/// is fired), connects and homes the controller, settles any pin left in flight by a crash, then takes
/// serials from the persisted job queue whenever the station is idle.</summary>
public sealed partial class StationWorker(
    StationRigFactory rigs,
    StationIoFactory ios,
    QueueStatus status,
    StationStateMachine machine,
    IOptions<StationOptions> station,
    IOptions<FixtureOptions> fixture,
    IOptions<RecipeOptions> recipe,
    IOptions<CameraOptions> camera,
    TimeProvider clock,
    StationRuntime runtime,
    ILogger<StationWorker> logger) : BackgroundService
{
    /// <summary>When the service is told to stop, it takes no new pin, lets the pin in hand finish and be
    /// recorded for up to <see cref="StationOptions.StopGraceSeconds"/>, and only then cuts everything off.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var hardStop = new CancellationTokenSource();
        await using var graceStarts = stoppingToken.Register(() => hardStop.CancelAfter(TimeSpan.FromSeconds(station.Value.StopGraceSeconds)));
        using var io = ios.Create();
        var loop = new StationLoop(machine, io, logger);
        PublishLoop(loop);
        using var loopStop = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);
        var loopTask = loop.RunAsync(loopStop.Token);
        try
        {
            await loop.FireAsync(StationTrigger.Connect, stoppingToken).ConfigureAwait(false);
            await using var rig = await rigs.CreateAsync(stoppingToken).ConfigureAwait(false);
            await using var published = PublishRig(rig);
            rig.Controller.AlarmRaised += (_, _) => loop.Notify(StationTrigger.AlarmRaised);
            await loop.AttachControllerAsync(new GrblRealtimeCommands(rig.Controller), stoppingToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Connected, stoppingToken).ConfigureAwait(false);
            LogConnected(logger, rig.FirmwareBanner, rigs.RecordsPath);

            await loop.FireAsync(StationTrigger.Home, stoppingToken).ConfigureAwait(false);
            await rig.Controller.HomeAsync(stoppingToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Homed, stoppingToken).ConfigureAwait(false);

            var plan = CreatePlan(rig);
            var context = CreateContext();
            var recovered = await new InFlightRecovery(rig, plan, context, station.Value.MaxAttemptsPerSerial, clock, logger)
                .RecoverAsync(stoppingToken).ConfigureAwait(false);
            LogRecovered(logger, recovered);
            await RunQueueAsync(rig, loop, plan, context, stoppingToken, hardStop.Token).ConfigureAwait(false);
            status.Waiting("the station was stopped");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status.Waiting("the station was stopped");
        }
        catch (Exception fault)
        {
            LogStationFault(logger, fault, machine.State);
            status.Waiting("the station stopped by a fault: " + fault.Message);
            throw;
        }
        finally
        {
            await loopStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(loopTask).ConfigureAwait(false);
        }
    }

    /// <summary>Takes pins from the queue whenever the station is idle; between runs it waits a poll
    /// interval. A tray taken away and put back counts as a new tray: its slots are used from the first.</summary>
    private async Task RunQueueAsync(StationRig rig, StationLoop loop, MarkPlan plan, StationContext context, CancellationToken stoppingToken, CancellationToken hardStop)
    {
        var validator = new IdentityValidator();
        var tray = fixture.Value.ToFixture();
        var runner = new BatchRunner(rig, loop, tray, plan, context, validator, station.Value.MaxAttemptsPerSerial, clock, logger);
        var source = new StorePinSource(rig.Records.Jobs, context.StationId, tray.SlotCount, validator, logger);
        var progress = new SynchronousProgress(p =>
        {
            status.Settled();
            runtime.PinSettled(p);
        });
        var trayPresent = loop.Snapshot.Interlocks.TrayPresent;
        string? lastWait = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var snapshot = loop.Snapshot;
            if (snapshot.Interlocks.TrayPresent && !trayPresent)
            {
                await rig.Records.Jobs.ResetTrayAsync(context.StationId, stoppingToken).ConfigureAwait(false);
                LogNewTray(logger);
            }

            trayPresent = snapshot.Interlocks.TrayPresent;
            await PublishJobAsync(rig.Records.Jobs, stoppingToken).ConfigureAwait(false);
            var settledBefore = status.Current.PinsSettled;
            var wait = snapshot.State == StationState.Idle
                ? (await runner.RunAsync(source, "queue", null, progress, hardStop, stopTaking: stoppingToken).ConfigureAwait(false)).StoppedBecause ?? QueueStatus.QueueEmpty
                : $"the station is {snapshot.State}";
            status.Waiting(wait);
            if (status.Current.PinsSettled != settledBefore)
            {
                // Pins ended in this run: show the job's end (or where it stopped) now, not a poll later.
                await PublishJobAsync(rig.Records.Jobs, stoppingToken).ConfigureAwait(false);
            }
            if (wait != lastWait)
            {
                LogWaiting(logger, wait);
                lastWait = wait;
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(station.Value.QueuePollMs), clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private MarkPlan CreatePlan(StationRig rig) => new(PinProfile.Default, recipe.Value.ToRecipe(), rig.Firmware);

    private StationContext CreateContext() => new(
        station.Value.Id,
        station.Value.Operator,
        new Core.Geometry.Point2(camera.Value.OffsetXMm, camera.Value.OffsetYMm),
        MarkVerifierOptions.Default,
        new EvidenceWriter());

    [LoggerMessage(Level = LogLevel.Information, Message = "Pins in flight at the last stop settled: {Count}")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "New tray: slots are used from the first again")]
    private static partial void LogNewTray(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting: {Because}")]
    private static partial void LogWaiting(ILogger logger, string because);

    /// <summary>Reports on the thread that settles the pin, so the status is current when the run returns.</summary>
    private sealed class SynchronousProgress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }

    // What the worker publishes for the local API (StationRuntime); kept apart from the station's own work.
    private void PublishLoop(StationLoop loop) => runtime.AttachLoop(loop);

    private IAsyncDisposable PublishRig(StationRig rig) => runtime.AttachRig(rig);

    private async Task PublishJobAsync(IJobStore jobs, CancellationToken cancellationToken) =>
        runtime.ShowJob(await jobs.FindActiveAsync(cancellationToken).ConfigureAwait(false)
            ?? (runtime.View().Job is { } shown ? await jobs.FindAsync(shown.JobId, cancellationToken).ConfigureAwait(false) : null));

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller connected: {Banner}; records in {RecordsPath}")]
    private static partial void LogConnected(ILogger logger, string banner, string recordsPath);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Station stopped by a fault in state {State}")]
    private static partial void LogStationFault(ILogger logger, Exception fault, StationState state);
}
