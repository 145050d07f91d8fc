using Engraver.Core.Fixture;
using Engraver.Core.Identity;
using Engraver.Core.Station;
using Engraver.Hardware.Grbl;
using Engraver.Service.Jobs;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>Runs one batch on a connected, homed station: every serial is validated before the first
/// byte goes to the controller; a rejected mark is tried again on the next slot up to the attempt
/// limit; a pin whose outcome is unknown (the link failed mid-pin) is recorded as NeedsInspection and
/// stops the batch, never re-engraved blindly.</summary>
public sealed partial class BatchRunner(
    StationRig rig,
    StationStateMachine machine,
    TrayFixture fixture,
    MarkPlan plan,
    StationContext context,
    IdentityValidator validator,
    int maxAttemptsPerSerial,
    TimeProvider clock,
    ILogger logger)
{
    public async Task<BatchResult> RunAsync(BatchJob job, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var identities = await new JobValidator(validator, plan, rig.Records).ValidateAsync(job, cancellationToken).ConfigureAwait(false);
        var cycle = new PinCycle(rig, machine, fixture, plan, context, clock, logger);
        var pins = new List<PinRecord>();
        var slot = 0;
        var finished = 0;

        foreach (var identity in identities)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["Serial"] = identity.Serial });
            for (var attempt = 1; attempt <= maxAttemptsPerSerial; attempt++)
            {
                if (slot >= fixture.SlotCount)
                {
                    return Stop(job, pins, $"the tray is full after {slot} pins; load a new tray and resume");
                }

                var record = await TryPinAsync(cycle, job, identity, slot++, attempt, cancellationToken).ConfigureAwait(false);
                pins.Add(record);
                if (record.Outcome == PinOutcome.NeedsInspection)
                {
                    return Stop(job, pins, $"pin {identity.Serial} needs inspection: {record.Reason}");
                }

                if (record.Outcome == PinOutcome.Verified)
                {
                    break;
                }
            }

            finished++;
            progress?.Report(new BatchProgress(finished, identities.Count, pins.Count(p => p.Outcome == PinOutcome.Verified), pins[^1]));
        }

        return new BatchResult(job.JobId, identities.Count, pins, StoppedBecause: null);
    }

    private async Task<PinRecord> TryPinAsync(PinCycle cycle, BatchJob job, MicrostampIdentity identity, int slot, int attempt, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        try
        {
            return await cycle.RunAsync(job, identity, slot, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (GrblException fault) when (!cancellationToken.IsCancellationRequested)
        {
            LogOutcomeUnknown(logger, fault, identity.Serial, slot);
            if (machine.CanFire(StationTrigger.OutcomeUnknown))
            {
                machine.OutcomeUnknown();
            }

            var record = InspectionRecord(job, identity, slot, attempt, startedAt, fault.Message);
            await rig.Records.AppendPinAsync(record, cancellationToken).ConfigureAwait(false);
            return record;
        }
    }

    private PinRecord InspectionRecord(BatchJob job, MicrostampIdentity identity, int slot, int attempt, DateTimeOffset startedAt, string reason) => new()
    {
        Serial = identity.Serial,
        Make = identity.Make,
        Model = identity.Model,
        JobId = job.JobId,
        Station = context.StationId,
        Operator = context.Operator,
        PinLot = job.PinLot,
        Slot = slot,
        Attempt = attempt,
        Firmware = rig.Firmware.Name,
        FirmwareBanner = rig.FirmwareBanner,
        RecipeName = plan.Recipe.Name,
        PowerFraction = plan.Recipe.PowerFraction,
        FeedMmPerMin = plan.Recipe.FeedMmPerMin,
        Passes = plan.Recipe.Passes,
        ToolpathSha256 = plan.For(identity).Program.Sha256Hex,
        Outcome = PinOutcome.NeedsInspection,
        Reason = reason,
        StartedAt = startedAt,
        FinishedAt = clock.GetUtcNow(),
    };

    private BatchResult Stop(BatchJob job, List<PinRecord> pins, string because)
    {
        LogStopped(logger, job.JobId, because);
        return new BatchResult(job.JobId, job.Serials.Count, pins, because);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pin {Serial} in slot {Slot}: outcome unknown, marked for inspection")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception fault, string serial, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} stopped: {Because}")]
    private static partial void LogStopped(ILogger logger, string jobId, string because);
}
