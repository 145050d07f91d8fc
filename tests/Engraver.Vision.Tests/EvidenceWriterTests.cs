using System.Security.Cryptography;
using Engraver.Core.Geometry;
using Engraver.Hardware.Camera;
using Engraver.Vision.Evidence;
using Engraver.Vision.Tests.Support;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Tests;

public sealed class EvidenceWriterTests : IDisposable
{
    private static readonly Point2 PinCentre = new(3, 4);
    private static readonly Engraver.Core.Toolpaths.Toolpath Serial = TestGlyphs.Layout("AH47");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Evidence_png_is_written_and_its_hash_matches_the_file()
    {
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(Serial, PinCentre), PinCentre);
        var verification = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        var (path, sha256Hex) = await new EvidenceWriter().WriteAsync(frame, Serial, verification, _directory.Path, "AH47-pin-1", CancellationToken.None);

        Assert.Equal(Path.Combine(_directory.Path, "AH47-pin-1.png"), path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256Hex);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        Assert.Equal(["AH47-pin-1.png"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Evidence_is_the_captured_image_in_colour_at_full_size()
    {
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(Serial, PinCentre), PinCentre);
        var verification = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        var (path, _) = await new EvidenceWriter().WriteAsync(frame, Serial, verification, _directory.Path, "colour", CancellationToken.None);

        using var written = Cv2.ImRead(path, ImreadModes.Unchanged);
        Assert.Equal(frame.Image.Size(), written.Size());
        Assert.Equal(3, written.Channels());
    }

    [Fact]
    public async Task Failing_segment_is_drawn_in_red()
    {
        var burnLog = new FakeBurnLog().BurnExcept(Serial, PinCentre, skipStroke: 0, skipSegment: 0);
        using var frame = await Capture.AtAsync(burnLog, PinCentre);
        var verification = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);
        Assert.False(verification.Passed);

        var (path, _) = await new EvidenceWriter().WriteAsync(frame, Serial, verification, _directory.Path, "missing", CancellationToken.None);

        // The middle of the missing first segment (A's left leg, from (0,0) to (0.04,0.12) of the first glyph).
        var legMiddle = Serial.Strokes[0].Points[0] + ((Serial.Strokes[0].Points[1] - Serial.Strokes[0].Points[0]) * 0.5);
        var col = (int)Math.Round(((frame.Image.Cols - 1) / 2.0) + (legMiddle.X / frame.MillimetresPerPixel)) + verification.Alignment.X;
        var row = (int)Math.Round(((frame.Image.Rows - 1) / 2.0) - (legMiddle.Y / frame.MillimetresPerPixel)) + verification.Alignment.Y;
        using var written = Cv2.ImRead(path, ImreadModes.Color);
        var pixel = written.At<Vec3b>(row, col);
        Assert.True(pixel.Item2 > 200 && pixel.Item1 < 80 && pixel.Item0 < 80, $"pixel at the missing segment is BGR {pixel.Item0},{pixel.Item1},{pixel.Item2}");
    }

    [Fact]
    public async Task Existing_evidence_is_never_overwritten()
    {
        using var frame = new CameraFrame(new Mat(1024, 1024, MatType.CV_8UC1, Scalar.All(160)), 0.002);
        var verification = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);
        var writer = new EvidenceWriter();
        var (path, _) = await writer.WriteAsync(frame, Serial, verification, _directory.Path, "once", CancellationToken.None);
        var before = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(frame, Serial, verification, _directory.Path, "once", CancellationToken.None));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("sub/name")]
    [InlineData("..")]
    public async Task File_stem_with_a_path_in_it_is_refused(string fileStem)
    {
        using var frame = new CameraFrame(new Mat(1024, 1024, MatType.CV_8UC1, Scalar.All(160)), 0.002);
        var verification = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => new EvidenceWriter().WriteAsync(frame, Serial, verification, _directory.Path, fileStem, CancellationToken.None));

        Assert.Equal("fileStem", error.ParamName);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }
}
