using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>Walks stored rows in sequence order and checks that they form one unbroken chain: sequence
/// numbers 1, 2, 3 ... without gaps, each row's previous hash equal to the hash of the row before (64
/// zeros for the first), and each row's hash equal to the hash recomputed from its re-encoded fields.
/// Store-neutral: every store feeds it its rows. Stops at the first problem.</summary>
/// <remarks>A chain alone cannot show that rows were cut off its end; that needs the last hash kept
/// somewhere else (a printed audit, a second store).
/// Reading and encoding rows and hashing them each take about one core, so they overlap: while one batch
/// of rows is checked (hashed and walked, in order) on another thread, the store fills the next. The first
/// problem reported is the one a plain row-by-row walk would find.</remarks>
public sealed class ChainVerifier(IRecordHasher hasher)
{
    private const int BatchSize = 2048;

    public static ChainVerifier Default { get; } = new(RecordHasher.Instance);

    /// <summary>Verifies the rows. A <see cref="CorruptRecordException"/> thrown while reading a row is
    /// reported as that row's problem. <see cref="ChainVerification.RowsChecked"/> counts the rows
    /// examined, including a broken one.</summary>
    public async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<StoredPinRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        return await VerifyAsync(
            new RecordRowSource<StoredPinRecord>(enumerator, r => new ChainLink(r.Sequence, r.PreviousHash, r.Hash), (bytes, r) => CanonicalEncoding.Append(bytes, r.Record)),
            cancellationToken);
    }

    /// <summary>Verifies the rows of the command log; the same checks and reports as for pin records.</summary>
    public async Task<ChainVerification> VerifyCommandsAsync(IAsyncEnumerable<StoredCommandRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        return await VerifyAsync(
            new RecordRowSource<StoredCommandRecord>(enumerator, r => new ChainLink(r.Sequence, r.PreviousHash, r.Hash), (bytes, r) => bytes.Append(CommandEncoding.Encode(r.Record))),
            cancellationToken);
    }

    /// <summary>Verifies rows a store reads straight into batches; the same checks and reports as for records.</summary>
    internal async Task<ChainVerification> VerifyAsync(IChainRowSource source, CancellationToken cancellationToken)
    {
        var walk = new ChainWalk(hasher);
        var filling = new ChainRowBatch(BatchSize);
        var spare = new ChainRowBatch(BatchSize);
        Task<ChainVerification?>? checking = null;
        CorruptRecordException? corrupt = null;
        bool more;
        do
        {
            filling.Clear();
            try
            {
                more = await source.FillAsync(filling, cancellationToken);
            }
            catch (CorruptRecordException e)
            {
                (more, corrupt) = (false, e);
            }

            // The batch before this one has been checked meanwhile; a problem there comes first.
            if (checking is not null && await checking is { } earlier)
            {
                return earlier;
            }

            var full = filling;
            checking = full.Count == 0 ? null : Task.Run(() => walk.Check(full), cancellationToken);
            (filling, spare) = (spare, filling);
        }
        while (more);

        if (checking is not null && await checking is { } last)
        {
            return last;
        }

        return corrupt is null
            ? new ChainVerification(true, walk.CheckedRows, null, null)
            : new ChainVerification(false, walk.CheckedRows + 1, corrupt.Sequence, $"row cannot be read: {corrupt.Detail}");
    }
}
