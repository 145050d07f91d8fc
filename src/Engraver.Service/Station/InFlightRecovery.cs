using Engraver.Core.Identity;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>After a restart, settles the serials the queue says this station was engraving when it
/// stopped. A pin whose record was written ends as that record says (a rejected one goes back in line
/// when attempts are left). A pin with no record may be engraved, half engraved or untouched: it is
/// recorded NeedsInspection and never engraved again blindly. Only records and the queue are written: nothing
/// moves. Who started the stopped run died with the process, so such a record names the job's submitter.</summary>
public sealed partial class InFlightRecovery(StationRig rig, MarkPlans plans, StationContext context, int maxAttemptsPerSerial, TimeProvider clock, ILogger logger)
{
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var claims = await rig.Records.Jobs.ListClaimsAsync(context.StationId, cancellationToken).ConfigureAwait(false);
        foreach (var claim in claims)
        {
            await SettleAsync(claim, cancellationToken).ConfigureAwait(false);
        }

        return claims.Count;
    }

    private async Task SettleAsync(SerialClaim claim, CancellationToken cancellationToken)
    {
        var records = await rig.Records.FindBySerialAsync(claim.Serial, cancellationToken).ConfigureAwait(false);
        var written = records.LastOrDefault(r => r.Record.JobId == claim.JobId && r.Record.Attempt == claim.Attempt)?.Record;
        if (written is { Outcome: PinOutcome.Rejected } && claim.Attempt < maxAttemptsPerSerial)
        {
            await rig.Records.Jobs.RequeueAsync(claim, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (written is null)
        {
            written = await RecordInFlightAsync(claim, cancellationToken).ConfigureAwait(false);
        }

        await rig.Records.Jobs.FinishAsync(claim, SerialStates.For(written.Outcome), cancellationToken).ConfigureAwait(false);
    }

    private async Task<PinRecord> RecordInFlightAsync(SerialClaim claim, CancellationToken cancellationToken)
    {
        LogInFlight(logger, claim.Serial, claim.Slot, claim.JobId);
        var identity = new MicrostampIdentity(claim.Make, claim.Model, claim.Serial);
        var now = clock.GetUtcNow();
        var job = await rig.Records.Jobs.FindAsync(claim.JobId, cancellationToken).ConfigureAwait(false);
        var submitter = context with { Operator = job?.SubmittedBy ?? context.Operator };
        var known = plans.Knows(claim.Recipe);
        var record = PinRecords.For(new JobRef(claim.JobId, claim.PinLot, claim.Recipe), identity, claim.Slot, claim.Attempt, rig, plans.For(known ? claim.Recipe : null), submitter) with
        {
            Outcome = PinOutcome.NeedsInspection,
            Reason = $"the station stopped while this pin was in flight (slot {claim.Slot}, attempt {claim.Attempt}); inspect the pin before resolving",
            StartedAt = now,
            FinishedAt = now,
        };
        if (!known)
        {
            // The recipe file is gone since the pin was started: the record names the recipe and no figures it cannot know.
            record = record with { RecipeName = claim.Recipe, PowerFraction = 0, FeedMmPerMin = 0, Passes = 0, ToolpathSha256 = "unknown", RecipeSha256 = null };
        }

        await rig.Records.AppendPinAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pin {Serial} in slot {Slot} of job {JobId} was in flight when the station stopped: marked for inspection")]
    private static partial void LogInFlight(ILogger logger, string serial, int slot, string jobId);
}
