namespace Engraver.Traceability.Anchoring;

/// <summary>What a writing store anchors its chains with: the station's signer, and where each checkpoint goes
/// once its transaction has committed (the checkpoint file, the service's log and so the system journal).
/// The store keeps the latest checkpoint of each chain itself, written in the appending transaction, so a
/// committed row is always covered by a signature, whatever happens after the commit.</summary>
public sealed class ChainAnchor(
    CheckpointSigner signer, IReadOnlyList<ICheckpointSink> sinks, TimeProvider? time = null, Action<Checkpoint, Exception>? sinkFailed = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string KeyId => signer.KeyId;

    public CheckpointSigner Signer => signer;

    /// <summary>The local checkpoint file among the sinks, if any.</summary>
    public CheckpointFile? File => sinks.OfType<CheckpointFile>().FirstOrDefault();

    public Checkpoint Sign(string chain, long records, string head) => signer.Sign(chain, records, head, _time.GetUtcNow());

    /// <summary>Hands a committed checkpoint to every sink. A sink that fails (a full disk) does not undo the
    /// commit: the store holds the checkpoint, and the failure is reported.</summary>
    public void Publish(Checkpoint checkpoint)
    {
        foreach (var sink in sinks)
        {
            try
            {
                sink.Write(checkpoint);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sinkFailed?.Invoke(checkpoint, e);
            }
        }
    }
}
