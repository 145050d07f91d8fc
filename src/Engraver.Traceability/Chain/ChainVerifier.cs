using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>Walks stored rows in sequence order and checks that they form one unbroken chain: sequence
/// numbers 1, 2, 3 ... without gaps, each row's previous hash equal to the hash of the row before (64
/// zeros for the first), and each row's hash equal to the hash recomputed from its re-encoded fields.
/// Store-neutral: every store feeds it its rows. Stops at the first problem.</summary>
/// <remarks>A chain alone cannot show that rows were cut off its end; that needs the last hash kept
/// somewhere else (a printed audit, a second store).</remarks>
public sealed class ChainVerifier(IRecordHasher hasher)
{
    public static ChainVerifier Default { get; } = new(RecordHasher.Instance);

    /// <summary>Verifies the rows. A <see cref="CorruptRecordException"/> thrown while reading a row is
    /// reported as that row's problem. <see cref="ChainVerification.RowsChecked"/> counts the rows
    /// examined, including a broken one.</summary>
    public async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<StoredPinRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long checkedRows = 0;
        long expectedSequence = 1;
        var expectedPreviousHash = RecordHasher.GenesisPreviousHash;
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            StoredPinRecord row;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    return new ChainVerification(true, checkedRows, null, null);
                }

                row = enumerator.Current;
            }
            catch (CorruptRecordException e)
            {
                return Broken(checkedRows + 1, e.Sequence, $"row cannot be read: {e.Detail}");
            }

            checkedRows++;
            var problem = FindProblem(row, expectedSequence, expectedPreviousHash);
            if (problem is not null)
            {
                return Broken(checkedRows, problem.Value.Sequence, problem.Value.Text);
            }

            expectedSequence = row.Sequence + 1;
            expectedPreviousHash = row.Hash;
        }
    }

    private (long Sequence, string Text)? FindProblem(StoredPinRecord row, long expectedSequence, string expectedPreviousHash)
    {
        if (row.Sequence != expectedSequence)
        {
            return row.Sequence > expectedSequence
                ? (expectedSequence, $"gap in sequence: row {expectedSequence} is missing (the next row present is {row.Sequence})")
                : (row.Sequence, $"gap in sequence: row {row.Sequence} appears where row {expectedSequence} was expected");
        }

        if (!string.Equals(row.PreviousHash, expectedPreviousHash, StringComparison.Ordinal))
        {
            return (row.Sequence, $"previous-hash mismatch: row holds {row.PreviousHash}, the row before has hash {expectedPreviousHash}");
        }

        string recomputed;
        try
        {
            recomputed = hasher.ComputeHash(row.PreviousHash, row.Record);
        }
        catch (ArgumentException e)
        {
            return (row.Sequence, $"row cannot be encoded: {e.Message}");
        }

        return string.Equals(recomputed, row.Hash, StringComparison.Ordinal)
            ? null
            : (row.Sequence, $"hash mismatch: row holds {row.Hash}, its fields hash to {recomputed}");
    }

    private static ChainVerification Broken(long rowsChecked, long sequence, string problem) =>
        new(false, rowsChecked, sequence, problem);
}
