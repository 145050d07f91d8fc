using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Tests.Support;

/// <summary>Builds correctly linked rows in memory, for testing the chain logic without a store.</summary>
internal static class InMemoryChain
{
    public static List<StoredPinRecord> Build(int count)
    {
        var rows = new List<StoredPinRecord>();
        var previous = RecordHasher.GenesisPreviousHash;
        for (var i = 1; i <= count; i++)
        {
            var record = SampleRecords.Verified($"SN-{i:D4}");
            var hash = RecordHasher.Instance.ComputeHash(previous, record);
            rows.Add(new StoredPinRecord(i, record, previous, hash));
            previous = hash;
        }

        return rows;
    }

    public static async IAsyncEnumerable<StoredPinRecord> Stream(IEnumerable<StoredPinRecord> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    /// <summary>Yields the rows, then fails as a store does on a row it cannot read.</summary>
    public static async IAsyncEnumerable<StoredPinRecord> StreamThenCorrupt(IEnumerable<StoredPinRecord> rows, long corruptSequence)
    {
        await foreach (var row in Stream(rows))
        {
            yield return row;
        }

        throw new CorruptRecordException(corruptSequence, "column outcome: 'Shipped' is not a pin outcome");
    }
}
