using System.Text;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>Rows read back as records (a store that reads through its query path), encoded for verification.</summary>
internal sealed class RecordRowSource(IAsyncEnumerator<StoredPinRecord> rows) : IChainRowSource
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

    private static void Add(ChainRowBatch batch, StoredPinRecord row)
    {
        var bytes = batch.Bytes;
        batch.BeginRow();
        Append(bytes, row.PreviousHash);
        batch.BeginRecord();
        string? problem = null;
        try
        {
            CanonicalEncoding.Append(bytes, row.Record);
        }
        catch (ArgumentException e)
        {
            problem = $"row cannot be encoded: {e.Message}";
        }

        batch.BeginHash();
        Append(bytes, row.Hash);
        batch.EndRow(row.Sequence, problem);
    }

    // Hashes are compared as UTF-8 bytes; a text that is not a well-formed hash can never equal one.
    private static void Append(ByteWriter bytes, string? text)
    {
        var value = text ?? string.Empty;
        Encoding.UTF8.GetBytes(value, bytes.Reserve(Encoding.UTF8.GetByteCount(value)));
    }
}
