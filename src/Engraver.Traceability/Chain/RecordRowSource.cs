using System.Text;

namespace Engraver.Traceability.Chain;

/// <summary>Rows read back as objects (a store that reads through its query path: pin records, command
/// records), encoded for verification by <paramref name="encode"/>.</summary>
internal sealed class RecordRowSource<T>(IAsyncEnumerator<T> rows, Func<T, ChainLink> link, Action<ByteWriter, T> encode) : IChainRowSource
{
    public async ValueTask<bool> FillAsync(ChainRowBatch batch, CancellationToken cancellationToken)
    {
        while (!batch.IsFull)
        {
            if (!await rows.MoveNextAsync())
            {
                return false;
            }

            Add(batch, rows.Current);
        }

        return true;
    }

    private void Add(ChainRowBatch batch, T row)
    {
        var bytes = batch.Bytes;
        var (sequence, previousHash, hash) = link(row);
        batch.BeginRow();
        Append(bytes, previousHash);
        batch.BeginRecord();
        string? problem = null;
        try
        {
            encode(bytes, row);
        }
        catch (ArgumentException e)
        {
            problem = $"row cannot be encoded: {e.Message}";
        }

        batch.BeginHash();
        Append(bytes, hash);
        batch.EndRow(sequence, problem);
    }

    // Hashes are compared as UTF-8 bytes; a text that is not a well-formed hash can never equal one.
    private static void Append(ByteWriter bytes, string? text)
    {
        var value = text ?? string.Empty;
        Encoding.UTF8.GetBytes(value, bytes.Reserve(Encoding.UTF8.GetByteCount(value)));
    }
}

/// <summary>Where a row sits in its chain: its sequence number, the hash it links to and its own.</summary>
internal readonly record struct ChainLink(long Sequence, string? PreviousHash, string? Hash);
