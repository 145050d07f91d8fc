using System.Security.Cryptography;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Evidence;

/// <summary>Writes the evidence picture of one verification as a PNG and returns its path and the
/// SHA-256 of its bytes, for the pin record. Evidence is never overwritten: an existing file is an error.</summary>
public sealed class EvidenceWriter : IEvidenceWriter
{
    public async Task<(string Path, string Sha256Hex)> WriteAsync(
        CameraFrame frame,
        Toolpath expected,
        MarkVerification verification,
        string directory,
        string fileStem,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        RequirePlainFileStem(fileStem);

        byte[] png;
        using (var picture = EvidenceOverlay.Draw(frame, expected, verification))
        {
            if (!Cv2.ImEncode(".png", picture, out png))
            {
                throw new InvalidOperationException($"The evidence picture for '{fileStem}' could not be encoded as PNG.");
            }
        }

        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, fileStem + ".png"));
        if (File.Exists(path))
        {
            throw new IOException($"Evidence file '{path}' already exists; evidence is never overwritten.");
        }

        // Write beside the target and move into place, so a crash never leaves a half-written file
        // under the evidence name.
        var partial = path + ".partial";
        await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(png, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: false);
        return (path, Convert.ToHexStringLower(SHA256.HashData(png)));
    }

    private static void RequirePlainFileStem(string fileStem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileStem);
        if (fileStem.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileStem.Contains('/', StringComparison.Ordinal)
            || fileStem.Contains('\\', StringComparison.Ordinal) || fileStem is "." or "..")
        {
            throw new ArgumentException($"Evidence file name '{fileStem}' must be a plain name without path separators.", nameof(fileStem));
        }
    }
}
