using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>Walks stored rows in sequence order and checks that they form one unbroken chain: sequence
/// numbers 1, 2, 3 ... without gaps, each row's previous hash equal to the hash of the row before (64
/// zeros for the first), and each row's hash equal to the hash recomputed from its re-encoded fields.
/// Store-neutral: every store feeds it its rows. Stops at the first problem.</summary>
/// <remarks>A chain alone cannot show that rows were cut off its end; that needs the last hash kept
/// somewhere else (a printed audit, a second store).
/// Recomputing a row's hash needs only that row (its stored previous hash and its fields), so rows are
/// hashed a batch at a time on another thread while the next batch is read; the links are then walked in
/// order, and the first problem reported is the same as a plain row-by-row walk would find.</remarks>
public sealed class ChainVerifier(IRecordHasher hasher)
{
    private const int BatchSize = 2048;

    public static ChainVerifier Default { get; } = new(RecordHasher.Instance);

    /// <summary>Verifies the rows. A <see cref="CorruptRecordException"/> thrown while reading a row is
    /// reported as that row's problem. <see cref="ChainVerification.RowsChecked"/> counts the rows
    /// examined, including a broken one.</summary>
    public Task<ChainVerification> VerifyAsync(IAsyncEnumerable<StoredPinRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return VerifyAsync(rows, r => new Link(r.Sequence, r.PreviousHash, r.Hash), r => hasher.ComputeHash(r.PreviousHash, r.Record), cancellationToken);
    }

    /// <summary>Verifies rows given as canonical bytes; the same checks and reports as for records.</summary>
    public Task<ChainVerification> VerifyEncodedAsync(IAsyncEnumerable<EncodedRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return VerifyAsync(rows, r => new Link(r.Sequence, r.PreviousHash, r.Hash), r => hasher.ComputeHash(r.PreviousHash, r.Canonical), cancellationToken);
    }

    /// <summary>Verifies the rows of the command log; the same checks and reports as for pin records.</summary>
    public Task<ChainVerification> VerifyCommandsAsync(IAsyncEnumerable<StoredCommandRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return VerifyAsync(rows, r => new Link(r.Sequence, r.PreviousHash, r.Hash), r => hasher.ComputeHash(r.PreviousHash, CommandEncoding.Encode(r.Record)), cancellationToken);
    }

    private static async Task<ChainVerification> VerifyAsync<T>(
        IAsyncEnumerable<T> rows, Func<T, Link> link, Func<T, string> computeHash, CancellationToken cancellationToken)
    {
        var walk = new Walk();
        var batch = new List<T>(BatchSize);
        Task<HashedRow[]>? hashing = null;
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            CorruptRecordException? corrupt = null;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (CorruptRecordException e)
            {
                (more, corrupt) = (false, e);
            }

            if (more)
            {
                batch.Add(enumerator.Current);
                if (batch.Count < BatchSize)
                {
                    continue;
                }
            }

            // The batch before this one has been hashing meanwhile: walk it, then hand this one over.
            if (hashing is not null && walk.Check(await hashing) is { } earlier)
            {
                return earlier;
            }

            var full = batch;
            hashing = full.Count == 0 ? null : Task.Run(() => Hash(full, link, computeHash), cancellationToken);
            batch = new List<T>(BatchSize);
            if (more)
            {
                continue;
            }

            if (hashing is not null && walk.Check(await hashing) is { } last)
            {
                return last;
            }

            return corrupt is null
                ? new ChainVerification(true, walk.CheckedRows, null, null)
                : new ChainVerification(false, walk.CheckedRows + 1, corrupt.Sequence, $"row cannot be read: {corrupt.Detail}");
        }
    }

    private static HashedRow[] Hash<T>(List<T> rows, Func<T, Link> link, Func<T, string> computeHash)
    {
        var hashed = new HashedRow[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                hashed[i] = new HashedRow(link(rows[i]), computeHash(rows[i]), null);
            }
            catch (ArgumentException e)
            {
                hashed[i] = new HashedRow(link(rows[i]), null, $"row cannot be encoded: {e.Message}");
            }
        }

        return hashed;
    }

    private readonly record struct Link(long Sequence, string PreviousHash, string Hash);

    private readonly record struct HashedRow(Link Row, string? Recomputed, string? EncodingProblem);

    /// <summary>The in-order part of the walk: sequence numbers and links, then each row's own hash.</summary>
    private sealed class Walk
    {
        private long _expectedSequence = 1;
        private string _expectedPreviousHash = RecordHasher.GenesisPreviousHash;

        public long CheckedRows { get; private set; }

        public ChainVerification? Check(HashedRow[] rows)
        {
            foreach (var (row, recomputed, encodingProblem) in rows)
            {
                CheckedRows++;
                if (Problem(row, recomputed, encodingProblem) is { } problem)
                {
                    return new ChainVerification(false, CheckedRows, problem.Sequence, problem.Text);
                }

                _expectedSequence = row.Sequence + 1;
                _expectedPreviousHash = row.Hash;
            }

            return null;
        }

        private (long Sequence, string Text)? Problem(Link row, string? recomputed, string? encodingProblem)
        {
            if (row.Sequence != _expectedSequence)
            {
                return row.Sequence > _expectedSequence
                    ? (_expectedSequence, $"gap in sequence: row {_expectedSequence} is missing (the next row present is {row.Sequence})")
                    : (row.Sequence, $"gap in sequence: row {row.Sequence} appears where row {_expectedSequence} was expected");
            }

            if (!string.Equals(row.PreviousHash, _expectedPreviousHash, StringComparison.Ordinal))
            {
                return (row.Sequence, $"previous-hash mismatch: row holds {row.PreviousHash}, the row before has hash {_expectedPreviousHash}");
            }

            if (encodingProblem is not null)
            {
                return (row.Sequence, encodingProblem);
            }

            return string.Equals(recomputed, row.Hash, StringComparison.Ordinal)
                ? null
                : (row.Sequence, $"hash mismatch: row holds {row.Hash}, its fields hash to {recomputed}");
        }
    }
}
