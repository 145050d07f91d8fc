using Engraver.Core.Station;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

public enum InspectionDecision
{
    /// <summary>The pin is scrapped; its serial has no pin from this attempt.</summary>
    Scrap,

    /// <summary>The operator checked the mark by hand and it is good.</summary>
    AcceptAfterManualCheck,
}

/// <summary>The operator's answer to a pin that needs inspection. The decision is appended to the record
/// as the pin's final row (the NeedsInspection row stays: the chain is append-only), and the station may
/// leave NeedsInspection.</summary>
public sealed class InspectionResolver(IRecordStore records, StationLoop station, TimeProvider clock)
{
    public async Task<PinRecord> ResolveAsync(string serial, InspectionDecision decision, string operatorName, string note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        var history = await records.FindBySerialAsync(serial, cancellationToken).ConfigureAwait(false);
        var open = history.OrderBy(r => r.Sequence).LastOrDefault()?.Record;
        if (open is not { Outcome: PinOutcome.NeedsInspection })
        {
            throw new InvalidOperationException($"Serial {serial} has no pin waiting for inspection (its last record is {open?.Outcome.ToString() ?? "missing"}).");
        }

        var resolution = open with
        {
            Operator = operatorName,
            Outcome = decision == InspectionDecision.Scrap ? PinOutcome.Rejected : PinOutcome.Verified,
            Reason = decision == InspectionDecision.Scrap
                ? $"scrapped by {operatorName} after inspection: {note}"
                : $"accepted by {operatorName} after a manual check: {note}",
            FinishedAt = clock.GetUtcNow(),
        };
        await records.AppendPinAsync(resolution, cancellationToken).ConfigureAwait(false);
        if (station.Snapshot.State == StationState.NeedsInspection)
        {
            await station.FireAsync(StationTrigger.InspectionResolved, cancellationToken).ConfigureAwait(false);
        }

        return resolution;
    }
}
