using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>The anchor check `audit verify` and `audit report` share: the public keys and checkpoint files given,
/// or by default every *.pub.pem in the store's keys folder and the configured checkpoint file.</summary>
internal static class AuditAnchors
{
    /// <returns>The findings and heads, and the checkpoint files looked at (given, or the default one, which may not exist).</returns>
    public static async Task<(AnchorVerification Verification, string[] CheckpointFiles)> VerifyAsync(
        IRecordStore store, ChainVerification chain, ChainVerification commands, RecordStoreOptions options, string storeFolder,
        IReadOnlyList<string> publicKeys, IReadOnlyList<string> checkpointFiles, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        if (chain.Intact)
        {
            rows[Checkpoint.Pins] = chain.RowsChecked;
        }

        if (commands.Intact)
        {
            rows[Checkpoint.Commands] = commands.RowsChecked;
        }

        var keyFolder = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(storeFolder, options.SigningKeyFile)))!;
        var keyFiles = publicKeys.Count > 0
            ? publicKeys.ToArray()
            : Directory.Exists(keyFolder) ? Directory.GetFiles(keyFolder, "*.pub.pem").Order(StringComparer.Ordinal).ToArray() : [];
        foreach (var missing in checkpointFiles.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"There is no checkpoint file at {Path.GetFullPath(missing)}.", missing);
        }

        var files = checkpointFiles.Count > 0 ? checkpointFiles.ToArray() : [Path.GetFullPath(Path.Combine(storeFolder, options.CheckpointFile))];
        using var trusted = TrustedKeys.FromFiles(keyFiles);
        return (await AnchorVerifier.VerifyAsync(store, rows, trusted, files, cancellationToken).ConfigureAwait(false), files);
    }
}
