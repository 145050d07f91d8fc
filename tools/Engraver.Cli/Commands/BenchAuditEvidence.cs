using System.Diagnostics;
using System.Security.Cryptography;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>What the evidence bench measured: files re-hashed per second and megabytes per second.</summary>
internal sealed record BenchEvidenceFigures(int Files, int FileKb, double FilesPerS, double MbPerS, bool Intact);

/// <summary>Times <see cref="EvidenceVerifier"/> as `audit verify` runs it: writes evidence files of a
/// picture's size into a scratch folder with records naming them (relative paths, as under the data
/// folder), then re-hashes them all. The files were just written, so they are read from the page cache:
/// the figure is hashing and file opening, not a cold disk.</summary>
internal static class BenchAuditEvidence
{
    public static async Task<BenchEvidenceFigures> RunAsync(int files, int fileKb, Action<string> progress, CancellationToken cancellationToken)
    {
        var place = Path.Combine(Path.GetTempPath(), "engraver-bench-evidence-" + Guid.NewGuid().ToString("N"));
        try
        {
            progress($"evidence: writing {files} files of {fileKb} KB");
            Directory.CreateDirectory(Path.Combine(place, "evidence"));
            var random = new Random(20250106);
            var content = new byte[fileKb * 1024];
            var rows = new List<StoredPinRecord>(files);
            for (var i = 0; i < files; i++)
            {
                random.NextBytes(content);
                var relative = Path.Combine("evidence", $"BENCH-{i:D7}-1.png");
                await File.WriteAllBytesAsync(Path.Combine(place, relative), content, cancellationToken).ConfigureAwait(false);
                var record = BenchAuditRecords.Create(i, BenchAuditRecords.Serial(i)) with
                {
                    EvidencePath = relative,
                    EvidenceSha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                };
                rows.Add(new StoredPinRecord(i + 1, record, "", ""));
            }

            progress("evidence: timing re-hashing");
            var clock = Stopwatch.StartNew();
            var result = await EvidenceVerifier.VerifyAsync(rows.ToAsyncEnumerable(), place, cancellationToken).ConfigureAwait(false);
            clock.Stop();
            var seconds = clock.Elapsed.TotalSeconds;
            return new BenchEvidenceFigures(files, fileKb, result.FilesChecked / seconds, result.BytesHashed / 1e6 / seconds, result.Intact);
        }
        finally
        {
            if (Directory.Exists(place))
            {
                Directory.Delete(place, recursive: true);
            }
        }
    }
}
