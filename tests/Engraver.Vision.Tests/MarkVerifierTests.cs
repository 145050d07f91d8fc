using Engraver.Core.Geometry;
using Engraver.Simulator.Camera;
using Engraver.Vision.Tests.Support;
using Engraver.Vision.Verification;
using OpenCvSharp;
using Engraver.Hardware.Camera;

namespace Engraver.Vision.Tests;

public sealed partial class MarkVerifierTests
{
    private static readonly Point2 PinCentre = new(12.5, 7.25);
    private static readonly Engraver.Core.Toolpaths.Toolpath Serial = TestGlyphs.Layout("E17L24");

    [Fact]
    public async Task Clean_mark_passes()
    {
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(Serial, PinCentre), PinCentre);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.True(result.Passed, result.Pose + " " + result.Grade + string.Join("; ", result.Reasons));
        Assert.Empty(result.Reasons);
        Assert.True(result.StrokeCoverage > 0.97, $"coverage {result.StrokeCoverage}");
        Assert.True(result.StrayMark < 0.02, $"stray {result.StrayMark}");
        Assert.True(result.WorstSegmentCoverage > 0.9, $"worst segment {result.WorstSegmentCoverage}");
    }

    [Fact]
    public async Task Clean_mark_on_a_tip_with_its_rim_in_view_passes()
    {
        var options = new SimulatedCameraOptions { TipCentresMm = [PinCentre] };
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(Serial, PinCentre), PinCentre, options);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.True(result.Passed, string.Join("; ", result.Reasons));
    }

    [Theory]
    [InlineData(0, 0, "stroke 1 segment 1")] // top bar of the E
    [InlineData(3, 0, "stroke 4 segment 1")] // foot of the 1
    [InlineData(4, 1, "stroke 5 segment 2")] // diagonal of the 7
    [InlineData(6, 2, "stroke 7 segment 3")] // short shoulder of the 2, 0.036 mm
    public async Task Mark_missing_one_segment_fails_and_names_it(int stroke, int segment, string named)
    {
        var burnLog = new FakeBurnLog().BurnExcept(Serial, PinCentre, stroke, segment);
        using var frame = await Capture.AtAsync(burnLog, PinCentre);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.StartsWith(named + " is ", StringComparison.Ordinal));
        var score = Assert.Single(result.Segments, s => s.StrokeIndex == stroke && s.SegmentIndex == segment);
        Assert.False(score.Passed);
        Assert.True(score.Coverage < 0.3, $"missing segment scored {score.Coverage}");
    }

    [Fact]
    public async Task Dropped_line_that_cuts_a_corner_fails()
    {
        // The 7 without its corner point: the head runs from the top left straight to the foot.
        var burnLog = new FakeBurnLog().BurnDroppingLine(Serial, PinCentre, stroke: 4, droppedPoint: 1);
        using var frame = await Capture.AtAsync(burnLog, PinCentre);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.StartsWith("stroke 5 segment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mark_of_another_serial_fails()
    {
        var otherSerial = TestGlyphs.Layout("E71L42");
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(otherSerial, PinCentre), PinCentre);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.False(result.Passed);
        Assert.True(result.StrokeCoverage < 0.9, $"coverage {result.StrokeCoverage}");
        Assert.Contains(result.Reasons, r => r.StartsWith("mark found where no stroke is expected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blank_image_fails_with_no_mark_found()
    {
        using var frame = await Capture.AtAsync(new FakeBurnLog(), PinCentre);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.False(result.Passed);
        Assert.Equal(0, result.StrokeCoverage);
        Assert.StartsWith("no mark found", Assert.Single(result.Reasons), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, -2)]
    [InlineData(2, 2)]
    public async Task Mark_shifted_by_two_pixels_still_passes(int rightPx, int upPx)
    {
        const double MmPerPx = 0.002;
        var shiftedPin = PinCentre + new Point2(rightPx * MmPerPx, upPx * MmPerPx);
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(Serial, shiftedPin), PinCentre);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.True(result.Passed, string.Join("; ", result.Reasons));
        Assert.Equal(new PixelOffset(rightPx, -upPx), result.Alignment);
    }

    [Fact]
    public async Task Camera_offset_from_the_laser_is_followed()
    {
        var options = new SimulatedCameraOptions { CameraOffsetMm = new Point2(-30, 4.5) };
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(Serial, PinCentre), PinCentre, options);

        var result = MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default);

        Assert.True(result.Passed, string.Join("; ", result.Reasons));
    }

    [Fact]
    public void Colour_frame_is_refused_with_its_type()
    {
        using var frame = new CameraFrame(new Mat(64, 64, MatType.CV_8UC3, Scalar.All(128)), 0.002);

        var error = Assert.Throws<ArgumentException>(() => MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default));

        Assert.Contains("CV_8UC1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Marking_larger_than_the_frame_is_refused()
    {
        using var frame = new CameraFrame(new Mat(100, 100, MatType.CV_8UC1, Scalar.All(128)), 0.002);

        var error = Assert.Throws<ArgumentException>(() => MarkVerifier.Verify(frame, Serial, MarkVerifierOptions.Default));

        Assert.Contains("outside the 100x100 camera frame", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_tolerance_is_refused_by_name()
    {
        using var frame = new CameraFrame(new Mat(1024, 1024, MatType.CV_8UC1, Scalar.All(128)), 0.002);
        var options = MarkVerifierOptions.Default with { MinStrokeCoverage = 1.5 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MarkVerifier.Verify(frame, Serial, options));

        Assert.Equal(nameof(MarkVerifierOptions.MinStrokeCoverage), error.ParamName);
    }
}
