namespace Engraver.Traceability.Chain;

/// <summary>A store's rows in sequence order, handed to <see cref="ChainVerifier"/> a batch at a time.</summary>
internal interface IChainRowSource
{
    /// <summary>Adds the next rows until <paramref name="batch"/> is full or the rows run out; false once they
    /// have run out. A row that cannot be read throws <see cref="Records.CorruptRecordException"/>; the rows
    /// added before it stay in the batch.</summary>
    ValueTask<bool> FillAsync(ChainRowBatch batch, CancellationToken cancellationToken);
}
