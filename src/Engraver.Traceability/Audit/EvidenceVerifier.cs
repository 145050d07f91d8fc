using System.Security.Cryptography;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>An evidence file that is not as its record says: gone (<see cref="FoundSha256"/> null) or changed.</summary>
public sealed record EvidenceProblem(long Sequence, string Serial, string Path, string? ExpectedSha256, string? FoundSha256)
{
    public bool Missing => FoundSha256 is null;

    /// <summary>One line naming the record and the file.</summary>
    public string Describe() => Missing
        ? $"evidence MISSING for record {Sequence} (serial {Serial}): {Path}"
        : $"evidence CHANGED for record {Sequence} (serial {Serial}): {Path}, sha256 expected {ExpectedSha256} found {FoundSha256}";
}

/// <summary>What re-hashing the evidence found: files hashed, their bytes, and every file that is missing or changed.</summary>
public sealed record EvidenceVerification(long FilesChecked, long BytesHashed, IReadOnlyList<EvidenceProblem> Problems)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>Re-hashes each record's evidence picture and compares it with the SHA-256 the record holds (the
/// record is in the hash chain, the picture is not, so this is what shows a picture swapped or deleted).
/// A record without evidence (no picture was taken) has nothing to check.</summary>
public static class EvidenceVerifier
{
    /// <summary>Where a record's evidence path points: relative paths are taken from the data folder beside the records.</summary>
    public static string Resolve(string evidencePath, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(evidencePath);
        ArgumentNullException.ThrowIfNull(dataFolder);
        return Path.GetFullPath(Path.IsPathRooted(evidencePath) ? evidencePath : Path.Combine(dataFolder, evidencePath));
    }

    public static async Task<EvidenceVerification> VerifyAsync(IAsyncEnumerable<StoredPinRecord> rows, string dataFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<EvidenceProblem>();
        long files = 0, bytes = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(row.Record.EvidencePath))
            {
                continue;
            }

            var (problem, length) = await CheckAsync(row, dataFolder, cancellationToken).ConfigureAwait(false);
            files++;
            bytes += length;
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return new EvidenceVerification(files, bytes, problems);
    }

    /// <summary>Checks one record's evidence; null when the file is there with the recorded hash (or the record
    /// names a file but no hash, so only its presence can be checked).</summary>
    public static async Task<(EvidenceProblem? Problem, long Bytes)> CheckAsync(StoredPinRecord row, string dataFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var record = row.Record;
        var path = Resolve(record.EvidencePath!, dataFolder);
        byte[] hash;
        long length;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                length = stream.Length;
                hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (new EvidenceProblem(row.Sequence, record.Serial, path, record.EvidenceSha256, null), 0);
        }

        var found = Convert.ToHexStringLower(hash);
        return record.EvidenceSha256 is { } expected && !string.Equals(expected, found, StringComparison.OrdinalIgnoreCase)
            ? (new EvidenceProblem(row.Sequence, record.Serial, path, expected, found), length)
            : (null, length);
    }
}
