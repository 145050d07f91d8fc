using Engraver.Core.Fixture;
using Engraver.Core.Identity;
using Engraver.Core.Machine;
using Engraver.Core.Station;
using Engraver.Hardware.Grbl;
using Engraver.Service.Jobs;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>Runs one batch on a connected, homed station. Every serial is validated before the first byte
/// goes to the controller. Pins are pipelined: pin k is checked and recorded while the machine engraves
/// pin k+1. A rejected mark is recorded and its serial tried again on the next free slot, up to the
/// attempt limit, then reported. A pin whose outcome is unknown (the controller, the camera or anything else
/// failed mid-pin, or its mark could not be checked) is recorded as NeedsInspection with the reason and stops
/// the batch: never re-engraved blindly, never skipped. Only a record that cannot be written throws
/// (<see cref="RecordNotWrittenException"/>), and that stops the station.</summary>
public sealed partial class BatchRunner(
    StationRig rig,
    StationLoop station,
    TrayFixture fixture,
    MarkPlans plans,
    StationContext context,
    IdentityValidator validator,
    int maxAttemptsPerSerial,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>Pins captured but not yet checked before the machine waits for the computer.</summary>
    private const int MaxChecksInFlight = 2;

    public Task<BatchResult> RunAsync(BatchJob job, IProgress<BatchProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(job, firstSlot: 0, progress, cancellationToken);

    /// <summary>Runs the batch from <paramref name="firstSlot"/> (a tray partly used by an earlier, stopped batch).</summary>
    public async Task<BatchResult> RunAsync(BatchJob job, int firstSlot, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSlot);
        var identities = await new JobValidator(validator, plans.Default, rig.Records).ValidateAsync(job, cancellationToken).ConfigureAwait(false);
        var source = new ListPinSource(new JobRef(job.JobId, job.PinLot), identities, firstSlot, fixture.SlotCount);
        return await RunAsync(source, job.JobId, identities.Count, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Engraves the pins <paramref name="source"/> gives until it has none left or one cannot go on;
    /// <paramref name="total"/> (when known) is only for progress. Once <paramref name="stopTaking"/> is
    /// cancelled no new pin starts, and the pins in hand are finished and recorded before it returns;
    /// <paramref name="cancellationToken"/> cuts everything off at once.</summary>
    public async Task<BatchResult> RunAsync(
        IPinSource source, string name, int? total, IProgress<BatchProgress>? progress, CancellationToken cancellationToken, CancellationToken stopTaking = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        // Before anything moves: a tray the machine cannot reach would drive it into its switches when the
        // controller's soft limits are off, or stop it with an alarm mid-tray when they are on.
        if (TrayReach.Check(rig.Travel, fixture, context.CameraOffset) is { Count: > 0 } outOfReach)
        {
            throw new TrayOutOfReachException(outOfReach, rig.Travel);
        }

        plans.RefuseOutOfReach(rig.Travel, fixture, context.CameraOffset, (rig.Controller.Connection ?? rig.Connection.Facts).Machine.MaxRateMmPerMin);
        var run = new Run(name, source, total, progress);
        var cycle = new PinCycle(rig, station, fixture, plans, context, clock, logger);
        try
        {
            while (true)
            {
                var (work, stop) = stopTaking.IsCancellationRequested ? (null, "the station is stopping")
                    : run.Halt is { } halt ? (null, halt)
                    : await NextWorkAsync(run, cancellationToken).ConfigureAwait(false);
                if (work is null)
                {
                    if (run.Checking.Count > 0)
                    {
                        await SettleOldestAsync(run, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    return stop is null ? run.Result(null) : await StopAsync(run, stop).ConfigureAwait(false);
                }

                run.Started++;
                using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = work.Job.JobId, ["Serial"] = work.Identity.Serial });
                var startedAt = clock.GetUtcNow();
                CapturedPin captured;
                try
                {
                    captured = await cycle.EngraveAndCaptureAsync(work.Job, work.Identity, work.Slot, work.Attempt, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    LogCutOff(logger, work.Identity.Serial, work.Slot);
                    throw;
                }
                catch (StationRefusedException refused) when (refused.Trigger == StationTrigger.StartPin)
                {
                    // Nothing moved: the serial stays first in line for when the station is ready.
                    await source.ReleaseAsync(work, CancellationToken.None).ConfigureAwait(false);
                    await SettleAllAsync(run, cancellationToken).ConfigureAwait(false);
                    return await StopAsync(run, $"the station is not ready for the next pin ({refused.Message})").ConfigureAwait(false);
                }
                catch (Exception fault) when (fault is not RecordNotWrittenException && !cancellationToken.IsCancellationRequested)
                {
                    // Whatever failed (controller, camera, station, a bug), the laser goes off before the
                    // pin is recorded: a controller that is still running would otherwise burn on.
                    await rig.Controller.StopNowAsync().ConfigureAwait(false);
                    await SettleAllAsync(run, cancellationToken).ConfigureAwait(false);
                    var record = await RecordOutcomeUnknownAsync(work, startedAt, fault, cancellationToken).ConfigureAwait(false);
                    run.Pins.Add(record);
                    await source.FinishAsync(work, record.Outcome, cancellationToken).ConfigureAwait(false);
                    // Reported like any settled serial, so the pin waiting for inspection is the last pin shown.
                    run.Finished++;
                    run.Progress?.Report(new BatchProgress(run.Finished, run.Total, run.Pins.Count(p => p.Outcome == PinOutcome.Verified), record));
                    return await StopAsync(run, $"pin {work.Identity.Serial} in slot {work.Slot} needs inspection: {record.Reason}").ConfigureAwait(false);
                }

                run.Checking.Enqueue((work, Task.Run(() => cycle.CheckAndRecordAsync(work.Job, captured, cancellationToken), cancellationToken)));

                // The machine goes on at once; a check still running holds it only when checks fall behind.
                while (run.Checking.Count > 0 && (run.Checking.Peek().Record.IsCompleted || run.Checking.Count > MaxChecksInFlight))
                {
                    await SettleOldestAsync(run, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            foreach (var left in run.Checking)
            {
                // Only on a fault or cancellation: the check's own failure, if any, is secondary.
                await Task.WhenAny(left.Record).ConfigureAwait(false);
                _ = left.Record.Exception;
                if (!left.Record.IsCompletedSuccessfully && cancellationToken.IsCancellationRequested)
                {
                    LogCutOff(logger, left.Work.Identity.Serial, left.Work.Slot);
                }
            }
        }
    }

    /// <summary>A rejected serial goes first, on the next free slot; else the source's next serial.</summary>
    private static async Task<(PinWork? Work, string? Stop)> NextWorkAsync(Run run, CancellationToken cancellationToken)
    {
        if (run.Retries.Count == 0)
        {
            var take = await run.Source.NextAsync(cancellationToken).ConfigureAwait(false);
            return (take.Work, take.StopReason);
        }

        var rejected = run.Retries.Peek();
        var retry = await run.Source.RetryAsync(rejected, cancellationToken).ConfigureAwait(false);
        if (retry is null)
        {
            return (null, $"the tray is full after slot {rejected.Slot}; load a new tray and resume");
        }

        run.Retries.Dequeue();
        return (retry, null);
    }

    private async Task SettleAllAsync(Run run, CancellationToken cancellationToken)
    {
        while (run.Checking.Count > 0)
        {
            await SettleOldestAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the oldest pin being checked and applies the rules to its outcome: a rejected
    /// serial with attempts left is tried again first; any other outcome ends the serial.</summary>
    private async Task SettleOldestAsync(Run run, CancellationToken cancellationToken)
    {
        var checking = run.Checking.Peek();
        PinRecord record;
        try
        {
            record = await checking.Record.ConfigureAwait(false);
        }
        finally
        {
            run.Checking.Dequeue();
        }

        run.Pins.Add(record);
        if (record.Outcome == PinOutcome.NeedsInspection)
        {
            // The mark could not be checked (camera gone, evidence not written): the next pin would fare no
            // better, so no new pin starts.
            run.Halt ??= $"pin {checking.Work.Identity.Serial} in slot {checking.Work.Slot} needs inspection: {record.Reason}";
        }

        if (record.Outcome == PinOutcome.Rejected && checking.Work.Attempt < maxAttemptsPerSerial)
        {
            run.Retries.Enqueue(checking.Work);
            return;
        }

        await run.Source.FinishAsync(checking.Work, record.Outcome, cancellationToken).ConfigureAwait(false);
        run.Finished++;
        run.Progress?.Report(new BatchProgress(run.Finished, run.Total, run.Pins.Count(p => p.Outcome == PinOutcome.Verified), record));
    }

    private async Task<PinRecord> RecordOutcomeUnknownAsync(PinWork work, DateTimeOffset startedAt, Exception fault, CancellationToken cancellationToken)
    {
        LogOutcomeUnknown(logger, fault, work.Identity.Serial, work.Slot);
        var trigger = fault switch
        {
            GrblLinkLostException => StationTrigger.LinkLost,
            GrblAlarmException => StationTrigger.AlarmRaised,
            _ => StationTrigger.OutcomeUnknown,
        };
        try
        {
            await station.FireAsync(trigger, cancellationToken).ConfigureAwait(false);
        }
        catch (StationRefusedException)
        {
            // The station already left the pin (an alarm or e-stop got there first): that state stands.
        }

        var record = PinRecords.For(work, rig, plans.For(work.Job.Recipe), context) with
        {
            Outcome = PinOutcome.NeedsInspection,
            Reason = fault.Message,
            StartedAt = startedAt,
            FinishedAt = clock.GetUtcNow(),
        };
        await rig.Records.AppendOrStopAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    private async Task<BatchResult> StopAsync(Run run, string because)
    {
        // Rejected serials whose next attempt did not start go back in line with their attempts counted.
        foreach (var rejected in run.Retries)
        {
            await run.Source.RequeueAsync(rejected, CancellationToken.None).ConfigureAwait(false);
        }

        if (run.Halt is not null)
        {
            await PauseAsync().ConfigureAwait(false);
        }

        if (run.Started > 0)
        {
            // A run that started no pin stops quietly: the queue asks again every poll, and its caller says
            // once why it waits (a full tray, a paused job), not once a poll.
            LogStopped(logger, run.Name, because);
        }

        return run.Result(because);
    }

    /// <summary>After a pin whose mark could not be checked the station is paused, so the queue does not start
    /// the next pin on its own; Resume is the way on once the cause is fixed.</summary>
    private async Task PauseAsync()
    {
        try
        {
            await station.FireAsync(StationTrigger.Pause, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StationRefusedException)
        {
            // The station already stopped for something else (an alarm, a door): that state stands.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pin {Serial} in slot {Slot}: outcome unknown, marked for inspection")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception fault, string serial, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pin {Serial} in slot {Slot} was cut off by the stop (Station:StopGraceSeconds ran out) before its record was written; it will be recorded NeedsInspection at the next start")]
    private static partial void LogCutOff(ILogger logger, string serial, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} stopped: {Because}")]
    private static partial void LogStopped(ILogger logger, string jobId, string because);

    /// <summary>The bookkeeping of one run.</summary>
    private sealed class Run(string name, IPinSource source, int? total, IProgress<BatchProgress>? progress)
    {
        public string Name { get; } = name;

        public IPinSource Source { get; } = source;

        public int? Total { get; } = total;

        public IProgress<BatchProgress>? Progress { get; } = progress;

        public Queue<PinWork> Retries { get; } = new();

        public List<PinRecord> Pins { get; } = [];

        public int Finished { get; set; }

        /// <summary>Pins (attempts) this run started.</summary>
        public int Started { get; set; }

        /// <summary>Why no new pin may start in this run, once a pin ended needing inspection.</summary>
        public string? Halt { get; set; }

        public Queue<(PinWork Work, Task<PinRecord> Record)> Checking { get; } = new();

        public BatchResult Result(string? stoppedBecause) => new(Name, Total ?? Finished, Pins, stoppedBecause);
    }
}
