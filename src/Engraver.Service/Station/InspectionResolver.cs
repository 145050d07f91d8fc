using Engraver.Core.Station;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

public enum InspectionDecision
{
    /// <summary>The pin is scrapped; its serial has no pin from this attempt.</summary>
    Scrap,

    /// <summary>The operator checked the mark by hand and it is good.</summary>
    AcceptAfterManualCheck,
}

/// <summary>A resolution as written: the pin's final record, and where its serial went in the job queue
/// (null for a pin made outside the queue).</summary>
public sealed record ResolvedInspection(StoredPinRecord Stored, InspectionSettlement? Settlement)
{
    public PinRecord Record => Stored.Record;
}

/// <summary>The serial has no pin waiting for inspection: its latest record is another outcome, or it has none.</summary>
public sealed class NoInspectionWaitingException(string message) : InvalidOperationException(message);

/// <summary>The operator's answer to a pin that needs inspection. The decision is appended to the record
/// as the pin's final row (the NeedsInspection row stays: the chain is append-only), then the rule for its
/// serial is applied in the job queue: verified, the serial ends Verified; scrapped, it goes back in line to be
/// engraved on a fresh pin as its next attempt while attempts are left (a scrapped pin counts as an attempt:
/// it was engraved), else it ends Failed and needs a new pin. The station may then leave NeedsInspection.</summary>
public sealed class InspectionResolver(IRecordStore records, StationLoop station, TimeProvider clock, int maxAttemptsPerSerial = 2)
{
    public async Task<PinRecord> ResolveAsync(string serial, InspectionDecision decision, string operatorName, string note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        var reason = decision == InspectionDecision.Scrap
            ? $"scrapped by {operatorName} after inspection: {note}"
            : $"accepted by {operatorName} after a manual check: {note}";
        var resolved = await ResolveAsync(serial, decision == InspectionDecision.AcceptAfterManualCheck, operatorName, reason, cancellationToken).ConfigureAwait(false);
        return resolved.Record;
    }

    /// <summary>Appends the resolution (<paramref name="verified"/> or scrapped, with <paramref name="reason"/>) and
    /// settles the serial; refuses with <see cref="NoInspectionWaitingException"/> a serial whose latest record is
    /// not NeedsInspection.</summary>
    public async Task<ResolvedInspection> ResolveAsync(string serial, bool verified, string operatorName, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var history = await records.FindBySerialAsync(serial, cancellationToken).ConfigureAwait(false);
        var open = history.MaxBy(r => r.Sequence)?.Record;
        if (open is not { Outcome: PinOutcome.NeedsInspection })
        {
            throw new NoInspectionWaitingException($"Serial {serial} has no pin waiting for inspection (its latest record is {open?.Outcome.ToString() ?? "missing"}).");
        }

        var resolution = open with
        {
            Operator = operatorName,
            Outcome = verified ? PinOutcome.Verified : PinOutcome.Rejected,
            Reason = reason,
            FinishedAt = clock.GetUtcNow(),
        };
        StoredPinRecord stored;
        try
        {
            // The check above only picks the pin to copy; the store checks again in the appending transaction, so
            // of two resolutions racing for one pin exactly one is written and settles the serial.
            stored = await records.AppendResolutionAsync(resolution, cancellationToken).ConfigureAwait(false);
        }
        catch (InspectionNotOpenException resolvedMeanwhile)
        {
            throw new NoInspectionWaitingException(resolvedMeanwhile.Message);
        }

        var settlement = await records.Jobs.SettleInspectionAsync(open.JobId, serial, verified, maxAttemptsPerSerial, cancellationToken).ConfigureAwait(false);
        if (station.Snapshot.State == StationState.NeedsInspection)
        {
            await station.FireAsync(StationTrigger.InspectionResolved, cancellationToken).ConfigureAwait(false);
        }

        return new ResolvedInspection(stored, settlement);
    }
}
