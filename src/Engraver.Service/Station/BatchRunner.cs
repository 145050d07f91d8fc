using Engraver.Core.Fixture;
using Engraver.Core.Identity;
using Engraver.Core.Station;
using Engraver.Hardware.Grbl;
using Engraver.Service.Jobs;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>Runs one batch on a connected, homed station. Every serial is validated before the first byte
/// goes to the controller. Pins are pipelined: pin k is checked and recorded while the machine engraves
/// pin k+1. A rejected mark is recorded and its serial tried again on the next free slot, up to the
/// attempt limit, then reported. A pin whose outcome is unknown (the controller failed mid-pin) is recorded
/// as NeedsInspection and stops the batch: never re-engraved blindly, never skipped.</summary>
public sealed partial class BatchRunner(
    StationRig rig,
    StationLoop station,
    TrayFixture fixture,
    MarkPlan plan,
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
        ArgumentOutOfRangeException.ThrowIfNegative(firstSlot);
        var identities = await new JobValidator(validator, plan, rig.Records).ValidateAsync(job, cancellationToken).ConfigureAwait(false);
        if (context.Travel?.Check(fixture, context.CameraOffset) is { Count: > 0 } outOfReach)
        {
            throw new JobValidationException(outOfReach);
        }

        var run = new Run(job, identities, progress);
        var cycle = new PinCycle(rig, station, fixture, plan, context, clock, logger);
        var slot = firstSlot;
        try
        {
            while (run.Pending.Count > 0 || run.Checking.Count > 0)
            {
                if (run.Pending.Count == 0)
                {
                    await SettleOldestAsync(run).ConfigureAwait(false);
                    continue;
                }

                if (slot >= fixture.SlotCount)
                {
                    await SettleAllAsync(run).ConfigureAwait(false);
                    if (run.Pending.Count == 0)
                    {
                        break;
                    }

                    return Stop(run, $"the tray is full after slot {slot - 1}; load a new tray and resume");
                }

                var (identity, attempt) = run.Pending.First!.Value;
                run.Pending.RemoveFirst();
                using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["Serial"] = identity.Serial });
                var startedAt = clock.GetUtcNow();
                CapturedPin captured;
                try
                {
                    captured = await cycle.EngraveAndCaptureAsync(identity, slot, attempt, cancellationToken).ConfigureAwait(false);
                }
                catch (StationRefusedException refused) when (refused.Trigger == StationTrigger.StartPin)
                {
                    // Nothing moved: the serial stays first in line for when the station is ready.
                    run.Pending.AddFirst((identity, attempt));
                    await SettleAllAsync(run).ConfigureAwait(false);
                    return Stop(run, $"the station is not ready for the next pin ({refused.Message})");
                }
                catch (Exception fault) when (fault is GrblException or StationRefusedException && !cancellationToken.IsCancellationRequested)
                {
                    await SettleAllAsync(run).ConfigureAwait(false);
                    var record = await RecordOutcomeUnknownAsync(job, identity, slot, attempt, startedAt, fault, cancellationToken).ConfigureAwait(false);
                    run.Pins.Add(record);
                    return Stop(run, $"pin {identity.Serial} in slot {slot} needs inspection: {record.Reason}");
                }

                slot++;
                run.Checking.Enqueue((identity, attempt, Task.Run(() => cycle.CheckAndRecordAsync(job, captured, cancellationToken), cancellationToken)));

                // The machine goes on at once; a check still running holds it only when checks fall behind.
                while (run.Checking.Count > 0 && (run.Checking.Peek().Record.IsCompleted || run.Checking.Count > MaxChecksInFlight))
                {
                    await SettleOldestAsync(run).ConfigureAwait(false);
                }
            }

            return new BatchResult(job.JobId, identities.Count, run.Pins, StoppedBecause: null);
        }
        finally
        {
            foreach (var left in run.Checking)
            {
                // Only on a fault or cancellation: the check's own failure, if any, is secondary.
                await Task.WhenAny(left.Record).ConfigureAwait(false);
                _ = left.Record.Exception;
            }
        }
    }

    private async Task SettleAllAsync(Run run)
    {
        while (run.Checking.Count > 0)
        {
            await SettleOldestAsync(run).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the oldest pin being checked and applies the rules to its outcome: a rejected
    /// serial goes first in line, so it gets the next free slot.</summary>
    private async Task SettleOldestAsync(Run run)
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
        if (record.Outcome == PinOutcome.Rejected && checking.Attempt < maxAttemptsPerSerial)
        {
            run.Pending.AddFirst((checking.Identity, checking.Attempt + 1));
            return;
        }

        run.Finished++;
        run.Progress?.Report(new BatchProgress(run.Finished, run.Identities.Count, run.Pins.Count(p => p.Outcome == PinOutcome.Verified), record));
    }

    private async Task<PinRecord> RecordOutcomeUnknownAsync(BatchJob job, MicrostampIdentity identity, int slot, int attempt, DateTimeOffset startedAt, Exception fault, CancellationToken cancellationToken)
    {
        LogOutcomeUnknown(logger, fault, identity.Serial, slot);
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

        var record = PinRecords.For(job, identity, slot, attempt, rig, plan, context) with
        {
            Outcome = PinOutcome.NeedsInspection,
            Reason = fault.Message,
            StartedAt = startedAt,
            FinishedAt = clock.GetUtcNow(),
        };
        await rig.Records.AppendPinAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    private BatchResult Stop(Run run, string because)
    {
        LogStopped(logger, run.Job.JobId, because);
        return new BatchResult(run.Job.JobId, run.Identities.Count, run.Pins, because);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pin {Serial} in slot {Slot}: outcome unknown, marked for inspection")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception fault, string serial, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} stopped: {Because}")]
    private static partial void LogStopped(ILogger logger, string jobId, string because);

    /// <summary>The bookkeeping of one batch run.</summary>
    private sealed class Run(BatchJob job, IReadOnlyList<MicrostampIdentity> identities, IProgress<BatchProgress>? progress)
    {
        public BatchJob Job { get; } = job;

        public IReadOnlyList<MicrostampIdentity> Identities { get; } = identities;

        public IProgress<BatchProgress>? Progress { get; } = progress;

        public LinkedList<(MicrostampIdentity Identity, int Attempt)> Pending { get; } = new(identities.Select(i => (i, 1)));

        public List<PinRecord> Pins { get; } = [];

        public int Finished { get; set; }

        public Queue<(MicrostampIdentity Identity, int Attempt, Task<PinRecord> Record)> Checking { get; } = new();
    }
}
