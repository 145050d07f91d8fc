using Engraver.Traceability.Records;

namespace Engraver.Traceability.Anchoring;

/// <summary>What a writer does with the anchors when it opens a store: signs the heads of chains written before
/// signing began (never a chain the checkpoint file has already seen: a checkpoint row missing then is for
/// verification to report), and appends to the checkpoint file the store's own checkpoints that it lacks (a
/// crash after a commit and before the file write), when they are this station's and verify.</summary>
public static class CheckpointCatchUp
{
    public static async Task RunAsync(IRecordStore store, ChainAnchor anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(anchor);
        var latestInFile = LatestInFile(anchor.File);
        await store.AnchorUnsignedChainsAsync(chain => !latestInFile.ContainsKey(chain), cancellationToken).ConfigureAwait(false);
        if (anchor.File is not { } file)
        {
            return;
        }

        latestInFile = LatestInFile(file);
        using var own = TrustedKeys.Of(anchor.Signer);
        foreach (var (chain, checkpoint) in await store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false))
        {
            var known = latestInFile.GetValueOrDefault(chain);
            if (checkpoint.Records > known && own.Check(checkpoint) == CheckpointTrust.Valid)
            {
                file.Write(checkpoint);
            }
        }
    }

    private static Dictionary<string, long> LatestInFile(CheckpointFile? file)
    {
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        if (file is null || !File.Exists(file.Path))
        {
            return latest;
        }

        foreach (var line in CheckpointFile.Read(file.Path))
        {
            if (line.Checkpoint is { } checkpoint)
            {
                latest[checkpoint.Chain] = Math.Max(latest.GetValueOrDefault(checkpoint.Chain), checkpoint.Records);
            }
        }

        return latest;
    }
}
