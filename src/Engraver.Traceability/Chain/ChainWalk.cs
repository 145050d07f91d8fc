using System.Text;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>The in-order part of verification, one row after another: the sequence number, the link to the
/// row before, then the row's own hash recomputed from its previous hash and canonical record. Hashes are
/// compared as their stored text bytes; strings are made only to describe a problem.</summary>
internal sealed class ChainWalk(IRecordHasher hasher)
{
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();

    // The hash of the row checked last, as text: always 64 ASCII bytes, since a row whose stored hash is
    // not the lowercase hex of its recomputed hash stops the walk.
    private readonly byte[] _expectedPreviousHash = Encoding.ASCII.GetBytes(RecordHasher.GenesisPreviousHash);
    private long _expectedSequence = 1;

    public long CheckedRows { get; private set; }

    /// <summary>Checks the batch's rows in order; the first problem found, or null when every row is sound.</summary>
    public ChainVerification? Check(ChainRowBatch batch)
    {
        Span<byte> hash = stackalloc byte[IRecordHasher.HashLength];
        Span<byte> recomputed = stackalloc byte[IRecordHasher.HashTextLength];
        for (var row = 0; row < batch.Count; row++)
        {
            CheckedRows++;
            if (Problem(batch, row, hash, recomputed) is { } problem)
            {
                return new ChainVerification(false, CheckedRows, problem.Sequence, problem.Text);
            }

            batch.Hash(row).CopyTo(_expectedPreviousHash);
            _expectedSequence++;
        }

        return null;
    }

    private (long Sequence, string Text)? Problem(ChainRowBatch batch, int row, Span<byte> hash, Span<byte> recomputed)
    {
        var sequence = batch.Sequence(row);
        if (sequence != _expectedSequence)
        {
            return sequence > _expectedSequence
                ? (_expectedSequence, $"gap in sequence: row {_expectedSequence} is missing (the next row present is {sequence})")
                : (sequence, $"gap in sequence: row {sequence} appears where row {_expectedSequence} was expected");
        }

        if (!batch.PreviousHash(row).SequenceEqual(_expectedPreviousHash))
        {
            return (sequence, $"previous-hash mismatch: row holds {Text(batch.PreviousHash(row))}, the row before has hash {Text(_expectedPreviousHash)}");
        }

        if (batch.EncodingProblem(row) is { } encodingProblem)
        {
            return (sequence, encodingProblem);
        }

        try
        {
            hasher.ComputeHash(batch.PreviousHashThenRecord(row), hash);
        }
        catch (ArgumentException e)
        {
            return (sequence, $"row cannot be encoded: {e.Message}");
        }

        for (var i = 0; i < hash.Length; i++)
        {
            recomputed[2 * i] = HexDigits[hash[i] >> 4];
            recomputed[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
        }

        return batch.Hash(row).SequenceEqual(recomputed)
            ? null
            : (sequence, $"hash mismatch: row holds {Text(batch.Hash(row))}, its fields hash to {Text(recomputed)}");
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
