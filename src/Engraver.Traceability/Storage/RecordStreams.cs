using Engraver.Traceability.Records;

namespace Engraver.Traceability.Storage;

internal static class RecordStreams
{
    public static async Task<IReadOnlyList<StoredPinRecord>> ToListAsync(IAsyncEnumerable<StoredPinRecord> rows, CancellationToken cancellationToken)
    {
        var list = new List<StoredPinRecord>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
