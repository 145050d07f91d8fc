using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Checks a captured mark against the strokes the laser was told to burn. The station puts the
/// pin centre on the optical axis, so the expected strokes (pin-local mm) sit around the image centre;
/// a misregistration of a few pixels is searched for. Only the region around the expected marking (plus
/// the inspection margin) is inspected.</summary>
public static class MarkVerifier
{
    public static MarkVerification Verify(CameraFrame frame, Toolpath expected, MarkVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RequireUsableFrame(frame);
        if (expected.Strokes.Count == 0)
        {
            throw new ArgumentException("The expected toolpath has no strokes, so there is nothing to verify.", nameof(expected));
        }

        var geometry = FrameGeometry.Of(frame);
        var lineWidthPx = Math.Max(1, options.LineWidthMm / geometry.MillimetresPerPixel);
        var tolerancePx = geometry.Pixels(options.ToleranceMm);
        var maxShiftPx = geometry.Pixels(options.MaxMisregistrationMm);
        var inspected = ExpectedStrokeMask.Bounds(expected, geometry, (int)Math.Ceiling(lineWidthPx / 2) + 1 + geometry.Pixels(options.InspectionMarginMm));
        var searched = new Rect(inspected.X - maxShiftPx, inspected.Y - maxShiftPx, inspected.Width + (2 * maxShiftPx), inspected.Height + (2 * maxShiftPx));
        RequireInsideFrame(searched, geometry, options);

        // The marking's own disc around the optical axis, so the tip's edge is never mistaken for a mark.
        var axis = geometry.ToPixel(new Point2(0, 0));
        var discRadiusPx = expected.Strokes.SelectMany(st => st.Points).Max(p => p.Length) / geometry.MillimetresPerPixel
            + (lineWidthPx / 2) + 1 + geometry.Pixels(options.InspectionMarginMm) + maxShiftPx;
        using var mark = MarkSegmenter.Segment(frame.Image, searched, axis, discRadiusPx, options.PreBlurSigmaPx, options.MinimumContrast);
        using var expectedMask = ExpectedStrokeMask.Render(expected, geometry, inspected, lineWidthPx);
        using var expectedReach = Grow(expectedMask, tolerancePx);
        using var markReach = Grow(mark.Mask, tolerancePx);

        var alignment = AlignmentSearch.Find(expectedMask, expectedReach, mark.Mask, markReach, maxShiftPx);

        // A neighbour's line reaches half a line width from its centre line, plus the tolerance, plus a
        // pixel of blur at its edge.
        var exclusionPx = (lineWidthPx / 2) + tolerancePx + 1;
        var segments = SegmentCoverageScorer.Score(expected, geometry, markReach, searched, alignment.Shift, exclusionPx, options.MinSegmentCoverage);
        var judged = segments.Where(s => s.IsJudged).ToList();
        var worstSegment = judged.Count == 0 ? 1.0 : judged.Min(s => s.Coverage);

        var reasons = VerificationReasons.Explain(options, mark, alignment, segments);
        return new MarkVerification(
            Passed: reasons.Count == 0,
            StrokeCoverage: alignment.StrokeCoverage,
            StrayMark: alignment.StrayMark,
            WorstSegmentCoverage: worstSegment,
            Reasons: reasons,
            Alignment: alignment.Shift,
            MarkContrast: mark.Contrast,
            Segments: segments);
    }

    private static void RequireUsableFrame(CameraFrame frame)
    {
        if (frame.Image.IsDisposed || frame.Image.Empty())
        {
            throw new ArgumentException("The camera frame holds no image.", nameof(frame));
        }

        if (frame.Image.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException($"The camera frame must be 8-bit grey (CV_8UC1), not {frame.Image.Type()}.", nameof(frame));
        }

        if (!double.IsFinite(frame.MillimetresPerPixel) || frame.MillimetresPerPixel <= 0)
        {
            throw new ArgumentException($"The camera frame scale {frame.MillimetresPerPixel} mm per pixel is not a positive number.", nameof(frame));
        }
    }

    private static void RequireInsideFrame(Rect searched, FrameGeometry geometry, MarkVerifierOptions options)
    {
        if (searched.X < 0 || searched.Y < 0 || searched.Right > geometry.WidthPx || searched.Bottom > geometry.HeightPx)
        {
            throw new ArgumentException(
                $"The expected marking, with its {options.InspectionMarginMm} mm inspection margin and {options.MaxMisregistrationMm} mm " +
                $"misregistration allowance, needs pixels {searched.X}..{searched.Right - 1} x {searched.Y}..{searched.Bottom - 1}, " +
                $"outside the {geometry.WidthPx}x{geometry.HeightPx} camera frame.",
                "expected");
        }
    }

    private static Mat Grow(Mat mask, int radiusPx)
    {
        var grown = new Mat();
        if (radiusPx == 0)
        {
            mask.CopyTo(grown);
            return grown;
        }

        using var disc = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * radiusPx) + 1, (2 * radiusPx) + 1));
        Cv2.Dilate(mask, grown, disc);
        return grown;
    }
}
