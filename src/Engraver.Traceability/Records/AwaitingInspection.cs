namespace Engraver.Traceability.Records;

/// <summary>The pins waiting for a person: serials whose latest record is NeedsInspection, oldest first. Only
/// serials with a NeedsInspection record are looked at, so the query stays small on a large record.</summary>
public static class AwaitingInspection
{
    public static async Task<IReadOnlyList<PinRecord>> ListAsync(IRecordStore records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var serials = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in records.QueryAsync(new RecordQuery { Outcome = PinOutcome.NeedsInspection }, cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(row.Record.Serial))
            {
                serials.Add(row.Record.Serial);
            }
        }

        var waiting = new List<StoredPinRecord>();
        foreach (var serial in serials)
        {
            var history = await records.FindBySerialAsync(serial, cancellationToken).ConfigureAwait(false);
            if (history.MaxBy(r => r.Sequence) is { Record.Outcome: PinOutcome.NeedsInspection } latest)
            {
                waiting.Add(latest);
            }
        }

        return [.. waiting.OrderBy(r => r.Sequence).Select(r => r.Record)];
    }
}
