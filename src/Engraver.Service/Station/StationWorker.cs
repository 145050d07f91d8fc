using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Station;
using Engraver.Hardware.Grbl;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Traceability.Jobs;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>The station service: opens the I/O and the devices that outlive a controller link (records, job
/// queue, camera), starts the station loop (the only place the state machine is fired), connects the controller
/// and settles any pin left in flight by a crash (records only; nothing moves). It then waits: serials are taken
/// from the persisted job queue only once an operator has homed the station and pressed Start, and while it is
/// connected, homed, started and idle. Only Station:UnattendedStart makes the service home and start by itself,
/// once, at service start. A lost link (noticed by the controller monitor, or by whatever was talking to the
/// controller) leaves the station Disconnected at once; the controller connection alone is then replaced, with
/// back-off, and the station waits to be homed and started by an operator.</summary>
public sealed partial class StationWorker(
    StationRigFactory rigs,
    ControllerConnector connector,
    StationIoFactory ios,
    QueueStatus status,
    StationStateMachine machine,
    IOptions<StationOptions> station,
    Recipes.StationRecipes recipes,
    SimulatedDevices simulated,
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
        PublishLoop(loop, hardStop.Token);
        using var loopStop = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);
        var loopTask = loop.RunAsync(loopStop.Token);
        try
        {
            if (simulated.RecordText is { } names)
            {
                LogSimulated(logger, names);
            }

            await using var devices = await rigs.OpenDevicesAsync(stoppingToken).ConfigureAwait(false);
            runtime.AttachDevices(devices);
            // Pins left waiting for inspection by an earlier run are shown from the start.
            await runtime.ShowInspectionsAsync(devices.Records, stoppingToken).ConfigureAwait(false);
            try
            {
                await RunLinksAsync(loop, devices, stoppingToken, hardStop.Token).ConfigureAwait(false);
            }
            finally
            {
                runtime.AttachDevices(null);
            }

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

    /// <summary>One controller connection after another on the same devices: the first as at every start (a
    /// failure stops the service), the next ones after a lost link, by themselves. None of them homes or starts
    /// the station, but the first under Station:UnattendedStart.</summary>
    private async Task RunLinksAsync(StationLoop loop, StationDevices devices, CancellationToken stoppingToken, CancellationToken hardStop)
    {
        var plan = CreatePlan(devices);
        ControllerLinkDown? lost = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connection = lost is null
                ? await connector.ConnectOnceAsync(loop, devices, stoppingToken).ConfigureAwait(false)
                : await connector.ReconnectAsync(loop, devices, lost, stoppingToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                lost = await RunConnectionAsync(loop, devices.With(connection), plan, firstLink: lost is null, stoppingToken, hardStop).ConfigureAwait(false);
            }

            if (lost is not null)
            {
                status.Waiting($"the link to the controller on {lost.Port} was lost; reconnecting");
            }
        }
    }

    /// <summary>Works on one connection until the station stops (null) or the link is lost (how and when).</summary>
    private async Task<ControllerLinkDown?> RunConnectionAsync(
        StationLoop loop, StationRig rig, MarkPlans plan, bool firstLink, CancellationToken stoppingToken, CancellationToken hardStop)
    {
        LogConnected(logger, rig.FirmwareBanner, rig.Connection.Port, rigs.RecordsPath);
        using var linkLost = new CancellationTokenSource();
        ControllerLinkDown? lost = null;
        void OnLinkLost(GrblException why)
        {
            var down = new ControllerLinkDown(rig.Connection.Port, clock.GetUtcNow(), why.Message, null, null);
            if (Interlocked.CompareExchange(ref lost, down, null) is not null)
            {
                return;
            }

            // Laser-enable drops on the loop at once; the queue loop and any pin in hand stop on their own.
            loop.Notify(StationTrigger.LinkLost);
            runtime.ShowLinkDown(down);
            LogLinkLost(logger, down.Port, why.Message);
            linkLost.Cancel();
        }

        rig.Controller.AlarmRaised += (_, _) => loop.Notify(StationTrigger.AlarmRaised);
        // Homing, an unlock and an e-stop's reset (both soft-reset the controller) may keep it from answering a while.
        var watch = runtime.AttachRig(rig, OnLinkLost, () => loop.Snapshot.State is StationState.Homing or StationState.Alarm or StationState.EStop);
        await using (watch.ConfigureAwait(false))
        {
            await loop.AttachControllerAsync(new GrblRealtimeCommands(rig.Controller), stoppingToken).ConfigureAwait(false);
            try
            {
                var context = CreateContext();
                if (firstLink)
                {
                    // The controller's travel and max rate are known now: a recipe beyond them stops the service here.
                    plan.RefuseOutOfReach(rig.Travel, rigs.Tray, context.CameraOffset, rig.Connection.Facts.Machine.MaxRateMmPerMin);
                    var recovered = await new InFlightRecovery(rig, plan, context, station.Value.MaxAttemptsPerSerial, clock, logger)
                        .RecoverAsync(stoppingToken).ConfigureAwait(false);
                    LogRecovered(logger, recovered);
                    await runtime.ShowInspectionsAsync(rig.Records, stoppingToken).ConfigureAwait(false);
                    if (station.Value.UnattendedStart)
                    {
                        await StartUnattendedAsync(loop, rig, stoppingToken).ConfigureAwait(false);
                    }
                }

                await RunQueueAsync(rig, loop, plan, context, OnLinkLost, linkLost.Token, stoppingToken, hardStop).ConfigureAwait(false);
            }
            finally
            {
                if (!hardStop.IsCancellationRequested)
                {
                    await loop.AttachControllerAsync(null, hardStop).ConfigureAwait(false);
                }
            }
        }

        return Volatile.Read(ref lost);
    }

    /// <summary>Station:UnattendedStart: homes and starts the station with nobody at it, at service start only
    /// (never after an e-stop's reset or a reconnect). A failed cycle leaves the station in Alarm, Disconnected or
    /// not homed, waiting for the operator, rather than stopping the service.</summary>
    private async Task StartUnattendedAsync(StationLoop loop, StationRig rig, CancellationToken stoppingToken)
    {
        LogUnattendedStart(logger);
        try
        {
            await StationHoming.HomeAsync(loop, rig.Controller, stoppingToken).ConfigureAwait(false);
            await StationStart.StartAsync(loop, runtime, StationStarter.UnattendedStart, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception failed) when (failed is GrblException or StationRefusedException)
        {
            LogUnattendedStartFailed(logger, failed, loop.Snapshot.State);
        }
    }

    /// <summary>Takes pins from the queue whenever the station is connected, homed and idle; between runs it
    /// waits a poll interval. Returns when the station stops or the link is lost. A tray taken away and put back
    /// counts as a new tray: its slots are used from the first.</summary>
    private async Task RunQueueAsync(
        StationRig rig, StationLoop loop, MarkPlans plan, StationContext context, Action<GrblException> onLinkLost,
        CancellationToken linkLost, CancellationToken stoppingToken, CancellationToken hardStop)
    {
        var validator = new IdentityValidator();
        var tray = rigs.Tray;
        var source = new StorePinSource(rig.Records.Jobs, context.StationId, tray.SlotCount, validator, logger, plan);
        using var recount = new JobRecount(rig.Records.Jobs, runtime, logger);
        var submitters = new JobSubmitters(rig.Records.Jobs);
        var progress = new SynchronousProgress(p =>
        {
            status.Settled();
            runtime.PinSettled(p);
            recount.Request(p.LastPin?.JobId);
        });
        using var stopOrLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, linkLost);
        var trayLoads = loop.Snapshot.TrayLoads;
        QueueWait? lastWait = null;
        while (!stopOrLost.IsCancellationRequested)
        {
            var snapshot = loop.Snapshot;
            if (snapshot.TrayLoads != trayLoads)
            {
                await rig.Records.Jobs.ResetTrayAsync(context.StationId, stoppingToken).ConfigureAwait(false);
                LogNewTray(logger);
            }

            trayLoads = snapshot.TrayLoads;
            await PublishJobAsync(rig.Records.Jobs, stoppingToken).ConfigureAwait(false);
            var settledBefore = status.Current.PinsSettled;
            var starter = runtime.Starter;
            var wait = await NotReadyBecauseAsync(rig, snapshot, starter, onLinkLost, stopOrLost.Token).ConfigureAwait(false);
            if (wait is null)
            {
                // The operator every record of this run names: who pressed Start, or each job's submitter when nobody did.
                var (run, pins) = starter is { Unattended: true }
                    ? (context with { Operator = null, OperatorOfJob = submitters.Of }, submitters.Learning(source))
                    : (context with { Operator = starter!.User }, (IPinSource)source);
                var runner = new BatchRunner(rig, loop, tray, plan, run, validator, station.Value.MaxAttemptsPerSerial, clock, logger);
                wait = await RunWhileNoManualMoveAsync(() => RunOnceAsync(runner, pins, source, progress, hardStop, stopOrLost.Token)).ConfigureAwait(false);
            }

            var changed = wait != lastWait;
            status.Waiting(wait.Because, wait.NextAction);
            if (status.Current.PinsSettled != settledBefore)
            {
                if (wait.Because == QueueStatus.QueueEmpty)
                {
                    // The jobs are done: an override an operator set for them does not carry over to the next one.
                    await ResetOverridesAsync(rig, onLinkLost, stopOrLost.Token).ConfigureAwait(false);
                }

                // Pins ended in this run: show the job's end (or where it stopped) now, not a poll later, and the
                // pins waiting for inspection as the record has them.
                await PublishJobAsync(rig.Records.Jobs, stoppingToken).ConfigureAwait(false);
                await runtime.ShowInspectionsAsync(rig.Records, stoppingToken).ConfigureAwait(false);
            }

            if (changed)
            {
                // Once per change, not once per poll: a wait of an hour is one line (and the panel shows it).
                LogWaiting(logger, wait.Because);
                lastWait = wait;
                runtime.NotifyChanged();
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(station.Value.QueuePollMs), clock, stopOrLost.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linkLost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One run of the queue: the pins it can take now, then why it stopped taking (the queue empty,
    /// the tray full, a job paused), with what a person does about it.</summary>
    private static async Task<QueueWait> RunOnceAsync(
        BatchRunner runner, IPinSource pins, StorePinSource source, IProgress<BatchProgress> progress, CancellationToken hardStop, CancellationToken stopTaking)
    {
        var result = await runner.RunAsync(pins, "queue", null, progress, hardStop, stopTaking).ConfigureAwait(false);
        return result.StoppedBecause is { } because ? new QueueWait(because, source.NextAction) : new QueueWait(QueueStatus.QueueEmpty, null);
    }

    private async Task ResetOverridesAsync(StationRig rig, Action<GrblException> onLinkLost, CancellationToken cancellationToken)
    {
        try
        {
            await StationOverrides.ResetAsync(rig.Controller, cancellationToken).ConfigureAwait(false);
            LogOverridesReset(logger);
        }
        catch (Exception lost) when (lost is GrblLinkLostException or GrblTimeoutException)
        {
            onLinkLost((GrblException)lost);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The queue is empty: feed and power overrides reset to 100%")]
    private static partial void LogOverridesReset(ILogger logger);

    /// <summary>Runs pins only while no operator's move (jog, go to slot, framing) has the machine.</summary>
    private async Task<QueueWait> RunWhileNoManualMoveAsync(Func<Task<QueueWait>> run)
    {
        var gate = runtime.ManualMotion.Gate;
        if (!await gate.WaitAsync(TimeSpan.Zero).ConfigureAwait(false))
        {
            return new QueueWait("an operator's move (jog, go to slot, framing) is under way", null);
        }

        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Why no serial may be claimed now, or null when the station is connected, homed, started by someone,
    /// idle and its interlocks are ready. Nothing is claimed while they are not: a serial taken only to be refused
    /// and released again would be two writes to the queue on every poll. The controller is asked for its status
    /// last, so a link that went down since the monitor's last look is found before a serial (and its tray slot)
    /// is taken.</summary>
    private static async Task<QueueWait?> NotReadyBecauseAsync(
        StationRig rig, StationSnapshot snapshot, StationStarter? starter, Action<GrblException> onLinkLost, CancellationToken cancellationToken)
    {
        if (snapshot.State != StationState.Idle)
        {
            // The station's own state says what is needed (the status builds it from the state).
            return new QueueWait($"the station is {snapshot.State}", null);
        }

        if (!snapshot.HomedSinceReset)
        {
            // The status names Home from the state itself, and stops naming it the moment the station is homed.
            return new QueueWait("the station is not homed: " + StationActions.Home, null);
        }

        if (!snapshot.Interlocks.ReadyForPin)
        {
            var notReady = snapshot.Interlocks.NotReadyReasons();
            return new QueueWait("the station is not ready: " + notReady, StationActions.MakeReady(notReady));
        }

        if (!snapshot.Started)
        {
            return new QueueWait("the station is homed but not started: " + StationActions.Start, null);
        }

        if (starter is not ({ Unattended: true } or { User: not null }))
        {
            // Started on the loop without a person named: no record could name its operator.
            return new QueueWait("nobody is named for the start: " + StationActions.Start, StationActions.Start);
        }

        try
        {
            await rig.Controller.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception lost) when (lost is GrblLinkLostException or GrblTimeoutException)
        {
            onLinkLost((GrblException)lost);
            return new QueueWait("the link to the controller was lost", null);
        }
    }

    /// <summary>Why the queue takes no serial now, and what a person does about it (null: nothing).</summary>
    private sealed record QueueWait(string Because, string? NextAction);

    /// <summary>A plan per recipe of the folder read at start: each pin is burned with its job's recipe.</summary>
    private MarkPlans CreatePlan(StationDevices devices) => MarkPlans.From(recipes.Book, PinProfile.Default, devices.Firmware);

    /// <summary>The station's facts; the operator is filled in per run, from who started the station.</summary>
    private StationContext CreateContext() => new(
        station.Value.Id,
        null,
        rigs.Geometry.OffsetMm,
        MarkVerifierOptions.Default,
        new EvidenceWriter(),
        simulated.RecordText,
        CalibrationId: rigs.Geometry.CalibrationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIMULATED devices: {Devices}. Every pin record made here says so; it is not a production record")]
    private static partial void LogSimulated(ILogger logger, string devices);

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
    private void PublishLoop(StationLoop loop, CancellationToken stationLifetime) => runtime.AttachLoop(loop, stationLifetime);

    private async Task PublishJobAsync(IJobStore jobs, CancellationToken cancellationToken) =>
        runtime.ShowJob(await jobs.FindActiveAsync(cancellationToken).ConfigureAwait(false)
            ?? (runtime.View().Job is { } shown ? await jobs.FindAsync(shown.JobId, cancellationToken).ConfigureAwait(false) : null));

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller connected on {Port}: {Banner}; records in {RecordsPath}")]
    private static partial void LogConnected(ILogger logger, string banner, string port, string recordsPath);

    [LoggerMessage(Level = LogLevel.Error, Message = "Link to the controller on {Port} lost: {Why}; reconnecting")]
    private static partial void LogLinkLost(ILogger logger, string port, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Station:UnattendedStart: the service homes and starts the station by itself, with nobody pressing Start; pins are recorded under their job's submitter")]
    private static partial void LogUnattendedStart(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unattended start failed; the station waits in {State} for the operator")]
    private static partial void LogUnattendedStartFailed(ILogger logger, Exception fault, StationState state);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Station stopped by a fault in state {State}")]
    private static partial void LogStationFault(ILogger logger, Exception fault, StationState state);
}
