using System.Diagnostics;
using Engraver.Traceability.Anchoring;

namespace Engraver.Cli.Commands;

/// <summary>What the checkpoint bench measured: signatures made per second (the cost an append pays) and
/// checkpoint-file lines read and signature-checked per second (the cost `audit verify` pays per line).</summary>
internal sealed record BenchCheckpointFigures(int Checkpoints, double SignsPerS, double SignMsEach, double FileLinesCheckedPerS, bool AllValid);

/// <summary>Signs checkpoints with a fresh station key, writes them to a checkpoint file, then reads the file
/// back as `audit verify` does (parse and check every line's signature).</summary>
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

            progress("checkpoints: timing the file check");
            using var trusted = TrustedKeys.Of(signer);
            clock.Restart();
            var valid = CheckpointFile.Read(file.Path).Count(line => line.Checkpoint is { } c && trusted.Check(c) == CheckpointTrust.Valid);
            var checkSeconds = clock.Elapsed.TotalSeconds;
            return new BenchCheckpointFigures(checkpoints, checkpoints / signSeconds, signSeconds * 1000 / checkpoints, checkpoints / checkSeconds, valid == checkpoints);
        }
        finally
        {
            Directory.Delete(place, recursive: true);
        }
    }
}
