using System.CommandLine;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit verify [--no-evidence] [--public-key FILE]... [--checkpoints FILE]...`: walk the whole
/// hash chain of the pins and the one of the command log, check both end where their signed checkpoints say (the
/// store's own, and the newest in the checkpoint file or journal exports), and re-hash every evidence file.
/// Exit 0 all sound; 1 a broken, unsigned, truncated, rolled-back or rewritten chain, a forged checkpoint, or a
/// missing or changed evidence file, each named; 3 a key question, which is not tampering: the key given does
/// not fit the HMAC chain, or a checkpoint is signed by a key whose public key was not given; 2 the store could
/// not be read.</summary>
internal static class AuditVerifyCommand
{
    public const int KeyMismatchExitCode = 3;

    public static Command Create()
    {
        var noEvidence = new Option<bool>("--no-evidence") { Description = "Skip re-hashing the evidence files." };
        var publicKeys = new Option<string[]>("--public-key")
        {
            Description = "Public key (PEM) of a station whose signatures to trust; repeat for several (default: every *.pub.pem in the store's keys folder).",
            AllowMultipleArgumentsPerToken = false,
        };
        var checkpoints = new Option<string[]>("--checkpoints")
        {
            Description = "Checkpoint file or journal export (journalctl -u engraver -o cat) to check the store against; repeat for several (default: the configured checkpoint file).",
        };
        var source = new AuditStoreSource();
        var command = new Command("verify", "Check that no record was edited, removed, inserted, reordered, cut off or rolled back and no evidence file changed (exit 1 if any was).")
        {
            noEvidence, publicKeys, checkpoints,
        };
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("verify", () =>
            RunAsync(source, result, new Anchors(result.GetValue(publicKeys) ?? [], result.GetValue(checkpoints) ?? []), !result.GetValue(noEvidence), token)));
        return command;
    }

    /// <summary>The public keys and checkpoint files given on the command line; empty lists mean the defaults.</summary>
    private sealed record Anchors(string[] PublicKeys, string[] CheckpointFiles);

    private static async Task<int> RunAsync(AuditStoreSource source, ParseResult result, Anchors anchors, bool checkEvidence, CancellationToken cancellationToken)
    {
        var (store, location, dataFolder) = await source.OpenAsync(result, cancellationToken).ConfigureAwait(false);
        IRecordStore? unkeyedStore = null;
        try
        {
            var chain = await store.VerifyChainAsync(cancellationToken).ConfigureAwait(false);
            var commands = await store.VerifyCommandChainAsync(cancellationToken).ConfigureAwait(false);
            var (options, folder, _) = source.Resolve(result);
            var givenKeyId = (await RecordStoreFactory.CreateHasherAsync(options, cancellationToken).ConfigureAwait(false)).KeyId;
            var recorded = await store.ReadChainKeyingAsync(cancellationToken).ConfigureAwait(false);
            var verdict = await ChainKeyCheck.DiagnoseAsync(chain, recorded, givenKeyId, async () =>
            {
                options.HmacKey = null;
                options.HmacKeyFile = null;
                unkeyedStore = await RecordStoreFactory.OpenAsync(options, folder, cancellationToken).ConfigureAwait(false);
                return await unkeyedStore.VerifyChainAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);

            var sound = true;
            var keyNeeded = false;
            if (verdict is not null)
            {
                Console.WriteLine($"audit verify: {verdict.Message} ({location})");
                if (verdict.Unkeyed is { } unkeyed && unkeyedStore is not null)
                {
                    (chain, commands) = (unkeyed, await unkeyedStore.VerifyCommandChainAsync(cancellationToken).ConfigureAwait(false));
                }
            }

            if (verdict is { Unkeyed: null })
            {
                Console.WriteLine("audit verify: records and command log not verified: they need the chain's key");
            }
            else
            {
                sound &= Report(chain, commands, location, keyHint: recorded is null && givenKeyId is null);
                var anchored = await VerifyAnchorsAsync(store, chain, commands, anchors, options, dataFolder, cancellationToken).ConfigureAwait(false);
                sound &= !anchored.Tampered;
                keyNeeded = anchored.KeyNeeded;
            }

            if (checkEvidence)
            {
                sound &= await VerifyEvidenceAsync(store, dataFolder, cancellationToken).ConfigureAwait(false);
            }

            return !sound ? 1 : verdict is not null || keyNeeded ? KeyMismatchExitCode : 0;
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
            if (unkeyedStore is not null)
            {
                await unkeyedStore.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Checks the intact chains against their signed checkpoints and prints every finding.</summary>
    private static async Task<AnchorVerification> VerifyAnchorsAsync(
        IRecordStore store, ChainVerification chain, ChainVerification commands, Anchors anchors, RecordStoreOptions options, string storeFolder, CancellationToken cancellationToken)
    {
        var (anchored, checkpointFiles) = await AuditAnchors.VerifyAsync(store, chain, commands, options, storeFolder, anchors.PublicKeys, anchors.CheckpointFiles, cancellationToken).ConfigureAwait(false);
        foreach (var finding in anchored.Findings)
        {
            Console.WriteLine("audit verify: " + TerminalText.Escape(finding.Message));
        }

        if (!checkpointFiles.Any(File.Exists))
        {
            Console.WriteLine($"audit verify: no checkpoint file at {checkpointFiles[0]}: only the store's own checkpoints were checked");
        }

        return anchored;
    }

    private static bool Report(ChainVerification chain, ChainVerification commands, string location, bool keyHint)
    {
        if (chain.Intact)
        {
            Console.WriteLine($"audit verify: chain intact, {chain.RowsChecked} records checked in {location}");
        }
        else
        {
            // A chain begun before its keying was recorded cannot say whether it is keyed; say what to try.
            var hint = keyHint && chain.FirstBrokenSequence == 1 ? " (if this chain is keyed, give its key with --hmac-key-file)" : "";
            Console.WriteLine($"audit verify: chain BROKEN at record {chain.FirstBrokenSequence}: {chain.Problem} ({chain.RowsChecked} records checked in {location}){hint}");
        }

        if (commands.Intact)
        {
            Console.WriteLine($"audit verify: command log intact, {commands.RowsChecked} commands checked");
        }
        else
        {
            Console.WriteLine($"audit verify: command log BROKEN at command {commands.FirstBrokenSequence}: {commands.Problem} ({commands.RowsChecked} commands checked)");
        }

        return chain.Intact && commands.Intact;
    }

    private static async Task<bool> VerifyEvidenceAsync(IRecordStore store, string dataFolder, CancellationToken cancellationToken)
    {
        var evidence = await EvidenceVerifier.VerifyAsync(store.QueryAsync(RecordQuery.All, cancellationToken), dataFolder, cancellationToken).ConfigureAwait(false);
        foreach (var problem in evidence.Problems)
        {
            Console.WriteLine("audit verify: " + TerminalText.Escape(problem.Describe()));
        }

        Console.WriteLine(evidence.Intact
            ? $"audit verify: evidence intact, {evidence.FilesChecked} files re-hashed"
            : $"audit verify: evidence: {evidence.Problems.Count(p => p.Missing)} MISSING, {evidence.Problems.Count(p => !p.Missing)} CHANGED of {evidence.FilesChecked} files");
        return evidence.Intact;
    }
}
