using System.Diagnostics;
using Engraver.Traceability.Anchoring;

namespace Engraver.Cli.Commands;

/// <summary>What the checkpoint bench measured: signatures made per second (the cost an append pays), checkpoint-file
/// lines read per second (`audit verify` parses every line) and the cost of one signature check (it checks the
/// newest line of each chain, and any newer one that does not verify).</summary>
internal sealed record BenchCheckpointFigures(int Checkpoints, double SignsPerS, double SignMsEach, double FileLinesReadPerS, double VerifyMsEach, bool AllValid);

/// <summary>Signs checkpoints with a fresh station key, writes them to a checkpoint file, reads the file back as
/// `audit verify` does, and times signature checks on their own.</summary>
internal static class BenchAuditCheckpoints
{
    public static BenchCheckpointFigures Run(int checkpoints, Action<string> progress)
    {
        var place = Path.Combine(Path.GetTempPath(), "engraver-bench-checkpoints-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(place);
        try
        {
            using var signer = CheckpointSigner.CreateNew();
            var file = new CheckpointFile(Path.Combine(place, "checkpoints.log"));
            var head = new string('a', 64);
            progress($"checkpoints: signing {checkpoints}");
            var signed = new List<Checkpoint>(checkpoints);
            var clock = Stopwatch.StartNew();
            for (var i = 1; i <= checkpoints; i++)
            {
                signed.Add(signer.Sign(i % 2 == 0 ? Checkpoint.Pins : Checkpoint.Commands, i, head, DateTimeOffset.UtcNow));
            }

            var signSeconds = clock.Elapsed.TotalSeconds;
            foreach (var checkpoint in signed)
            {
                file.Write(checkpoint);
            }

            progress("checkpoints: timing the file read and the signature checks");
            clock.Restart();
            var read = CheckpointFile.Read(file.Path).Select(line => line.Checkpoint).OfType<Checkpoint>().ToList();
            var readSeconds = clock.Elapsed.TotalSeconds;
            using var trusted = TrustedKeys.Of(signer);
            var checks = Math.Min(checkpoints, 2000);
            clock.Restart();
            var valid = read.Take(checks).Count(c => trusted.Check(c) == CheckpointTrust.Valid);
            var verifySeconds = clock.Elapsed.TotalSeconds;
            return new BenchCheckpointFigures(checkpoints, checkpoints / signSeconds, signSeconds * 1000 / checkpoints,
                checkpoints / readSeconds, verifySeconds * 1000 / checks, valid == checks && read.Count == checkpoints);
        }
        finally
        {
            Directory.Delete(place, recursive: true);
        }
    }
}
