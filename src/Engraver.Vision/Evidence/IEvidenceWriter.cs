using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Vision.Verification;

namespace Engraver.Vision.Evidence;

/// <summary>Keeps the evidence picture of one verification and returns where it is and the SHA-256 of its
/// bytes, for the pin record.</summary>
public interface IEvidenceWriter
{
    Task<(string Path, string Sha256Hex)> WriteAsync(
        CameraFrame frame,
        Toolpath expected,
        MarkVerification verification,
        string directory,
        string fileStem,
        CancellationToken cancellationToken);
}
