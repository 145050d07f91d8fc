using System.Globalization;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Anchoring;

/// <summary>How much a finding of <see cref="AnchorVerifier"/> weighs.</summary>
public enum AnchorSeverity
{
    /// <summary>What was checked and held.</summary>
    Sound,

    /// <summary>Nothing is wrong that can be seen, but nothing anchors the chain either (an unsigned store).</summary>
    Unanchored,

    /// <summary>A public key is needed to check a signature: a key question, not tampering.</summary>
    KeyNeeded,

    /// <summary>Records were removed, rewritten, rolled back or appended without the key, or a checkpoint forged.</summary>
    Tampered,
}

public sealed record AnchorFinding(AnchorSeverity Severity, string Message);

/// <summary>The head of a chain as a verified checkpoint vouches for it: what exports and reports carry.</summary>
public sealed record AnchoredHead(string Chain, long Records, string Head, DateTimeOffset SignedAt, string KeyId)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Checkpoint.Describe(Chain)} 1..{Records}, head {Head}, signed {SignedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} by key {KeyId}");
}

public sealed record AnchorVerification(IReadOnlyList<AnchorFinding> Findings, IReadOnlyList<AnchoredHead> Heads)
{
    public bool Tampered => Findings.Any(f => f.Severity == AnchorSeverity.Tampered);

    public bool KeyNeeded => Findings.Any(f => f.Severity == AnchorSeverity.KeyNeeded);
}

/// <summary>Checks that a store's chains end where their signed checkpoints say: the store's own checkpoint (the
/// newest rows are signed, so none was appended without the key and none removed since), and the newest
/// checkpoint of each chain found in the checkpoint files or journal exports given (nothing was truncated,
/// rolled back to an older copy or rewritten before it). Run after the chain walk found the rows intact.</summary>
public static class AnchorVerifier
{
    /// <param name="rows">The rows each chain holds, by chain name, as the chain walk counted them.</param>
    /// <param name="checkpointFiles">Checkpoint files and journal exports; files that do not exist are skipped.</param>
    public static async Task<AnchorVerification> VerifyAsync(
        IRecordStore store, IReadOnlyDictionary<string, long> rows, TrustedKeys trusted, IReadOnlyList<string> checkpointFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(trusted);
        ArgumentNullException.ThrowIfNull(checkpointFiles);
        var findings = new List<AnchorFinding>();
        var heads = new List<AnchoredHead>();
        var fileCheckpoints = ReadFiles(checkpointFiles, trusted, findings);
        var stored = await store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (chain, count) in rows)
        {
            var latestInFiles = fileCheckpoints.Where(c => c.Checkpoint!.Chain == chain).MaxBy(c => c.Checkpoint!.Records);
            var head = await CheckStoredAsync(store, chain, count, stored.GetValueOrDefault(chain), trusted, latestInFiles, findings, cancellationToken).ConfigureAwait(false);
            if (head is not null)
            {
                heads.Add(head);
            }

            if (latestInFiles is not null)
            {
                await CheckAgainstFileAsync(store, chain, count, latestInFiles, findings, cancellationToken).ConfigureAwait(false);
            }
        }

        return new AnchorVerification(findings, heads);
    }

    private static async Task<AnchoredHead?> CheckStoredAsync(
        IRecordStore store, string chain, long count, Checkpoint? checkpoint, TrustedKeys trusted, CheckpointLine? latestInFiles,
        List<AnchorFinding> findings, CancellationToken cancellationToken)
    {
        var what = Checkpoint.Describe(chain);
        if (checkpoint is null)
        {
            if (count == 0)
            {
                return null;
            }

            findings.Add(!trusted.IsEmpty || latestInFiles is not null
                ? new(AnchorSeverity.Tampered, $"{what}: NOT SIGNED: the store holds no signed checkpoint for its {count} rows, though "
                    + (latestInFiles is not null ? $"{latestInFiles.Where} has one" : $"the station signs (key {string.Join(", ", trusted.KeyIds)})")
                    + ": its checkpoint was removed or the rows were written without the station's key")
                : new(AnchorSeverity.Unanchored, $"{what}: unsigned: {count} rows intact, but no signed checkpoint anchors them; nothing shows that the newest were not removed (give the station's public key with --public-key)"));
            return null;
        }

        switch (trusted.Check(checkpoint))
        {
            case CheckpointTrust.UnknownKey:
                findings.Add(new(AnchorSeverity.KeyNeeded, $"{what}: signed by key {checkpoint.KeyId}: its public key is needed to check it (--public-key FILE"
                    + (trusted.IsEmpty ? ")" : $"; the keys given are {string.Join(", ", trusted.KeyIds)})")));
                return null;
            case CheckpointTrust.BadSignature:
                findings.Add(new(AnchorSeverity.Tampered, $"{what}: the store's checkpoint (records {checkpoint.Records}) does not verify under key {checkpoint.KeyId}: it was altered or forged"));
                return null;
        }

        var signedAt = Time(checkpoint.At);
        if (checkpoint.Records < count)
        {
            findings.Add(new(AnchorSeverity.Tampered, $"{what}: rows {checkpoint.Records + 1}..{count} are NOT SIGNED: the store's signed checkpoint of {signedAt} covers {checkpoint.Records}; they were appended without the station's key"));
            return null;
        }

        if (checkpoint.Records > count)
        {
            findings.Add(new(AnchorSeverity.Tampered, $"{what}: TRUNCATED: the store's signed checkpoint of {signedAt} covers {checkpoint.Records} rows, the store has {count}: rows {count + 1}..{checkpoint.Records} were removed"));
            return null;
        }

        var hash = await store.ReadChainHashAsync(chain, count, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(hash, checkpoint.Head, StringComparison.Ordinal))
        {
            findings.Add(new(AnchorSeverity.Tampered, $"{what}: REWRITTEN: row {count} hashes to {hash}, the store's signed checkpoint of {signedAt} says {checkpoint.Head}"));
            return null;
        }

        findings.Add(new(AnchorSeverity.Sound, $"{what}: signed: all {count} rows covered by the checkpoint of {signedAt}, key {checkpoint.KeyId}"));
        return new AnchoredHead(chain, count, checkpoint.Head, checkpoint.At, checkpoint.KeyId);
    }

    private static async Task CheckAgainstFileAsync(
        IRecordStore store, string chain, long count, CheckpointLine line, List<AnchorFinding> findings, CancellationToken cancellationToken)
    {
        var what = Checkpoint.Describe(chain);
        var checkpoint = line.Checkpoint!;
        var signedAt = Time(checkpoint.At);
        if (checkpoint.Records > count)
        {
            findings.Add(new(AnchorSeverity.Tampered, $"{what}: TRUNCATED or ROLLED BACK: the checkpoint of {signedAt} ({line.Where}) covers {checkpoint.Records} rows, the store has {count}"));
            return;
        }

        var hash = await store.ReadChainHashAsync(chain, checkpoint.Records, cancellationToken).ConfigureAwait(false);
        findings.Add(string.Equals(hash, checkpoint.Head, StringComparison.Ordinal)
            ? new(AnchorSeverity.Sound, $"{what}: matches the latest checkpoint in the files, of {signedAt} ({line.Where}, {checkpoint.Records} rows)")
            : new(AnchorSeverity.Tampered, $"{what}: REWRITTEN: row {checkpoint.Records} hashes to {hash}, the checkpoint of {signedAt} ({line.Where}) says {checkpoint.Head}"));
    }

    /// <summary>The newest checkpoint of each chain in each file whose signature verifies, found from the end of
    /// the file: a newer line that does not verify is reported as tampering with the file, lines signed by keys not
    /// given as one key question per file, a malformed line anywhere as tampering. Lines older than the newest valid
    /// one are only parsed: the chain walk and that one checkpoint already vouch for every row they could name.</summary>
    private static List<CheckpointLine> ReadFiles(IReadOnlyList<string> files, TrustedKeys trusted, List<AnchorFinding> findings)
    {
        var valid = new List<CheckpointLine>();
        foreach (var file in files.Where(File.Exists))
        {
            var lines = CheckpointFile.Read(file).ToList();
            foreach (var malformed in lines.Where(l => l.Checkpoint is null))
            {
                findings.Add(new(AnchorSeverity.Tampered, $"{malformed.Where}: not a checkpoint: {malformed.Problem}"));
            }

            var unknownKeys = new SortedSet<string>(StringComparer.Ordinal);
            var unknownLines = 0;
            foreach (var chain in Checkpoint.Chains)
            {
                foreach (var line in lines.Where(l => l.Checkpoint?.Chain == chain).OrderByDescending(l => l.Checkpoint!.Records).ThenByDescending(l => l.Line))
                {
                    var trust = trusted.Check(line.Checkpoint!);
                    if (trust == CheckpointTrust.Valid)
                    {
                        valid.Add(line);
                        break;
                    }

                    if (trust == CheckpointTrust.BadSignature)
                    {
                        findings.Add(new(AnchorSeverity.Tampered, $"{line.Where}: the checkpoint's signature does not verify under key {line.Checkpoint!.KeyId}: altered or forged"));
                    }
                    else
                    {
                        unknownKeys.Add(line.Checkpoint!.KeyId);
                        unknownLines++;
                    }
                }
            }

            if (unknownLines > 0)
            {
                findings.Add(new(AnchorSeverity.KeyNeeded, $"{file}: {unknownLines} checkpoints signed by key {string.Join(", ", unknownKeys)} not checked: its public key is needed (--public-key FILE)"));
            }
        }

        return valid;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
