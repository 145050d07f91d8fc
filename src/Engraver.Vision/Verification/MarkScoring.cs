using Engraver.Hardware.Camera;
using Engraver.Vision.Ring;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Scores a segmented mark against the expected strokes placed at the pose found: coverage,
/// stray mark, every segment, every glyph, stray spots, and the print-quality grade.</summary>
internal static class MarkScoring
{
    private const int SharpnessWindowPx = 480;
    private const double TipEdgeClearancePx = 3;

    public static MarkVerification Score(
        CameraFrame frame, ExpectedMark expected, FrameGeometry geometry, Rect region, SegmentedMark mark, Mat face,
        double lineWidthPx, int tolerancePx, MarkVerifierOptions options)
    {
        var toolpath = expected.Toolpath;

        double metalGrey, contrast;

        // Now that the centre is known to the pixel, the dark edge of the tip is cut away exactly.
        var tipRadiusPx = ((expected.Profile?.TipDiameterMm ?? options.TipDiameterMm) / 2 / geometry.MillimetresPerPixel) - TipEdgeClearancePx;
        using (var tipFace = new Mat(face.Size(), MatType.CV_8UC1, Scalar.All(0)))
        {
            Cv2.Circle(tipFace, FrameGeometry.ToDrawing(geometry.CentrePx, region.TopLeft), (int)Math.Round(tipRadiusPx * (1 << FrameGeometry.SubPixelBits)), Scalar.All(255), -1, LineTypes.Link8, FrameGeometry.SubPixelBits);
            Cv2.BitwiseAnd(mark.Mask, tipFace, mark.Mask);
            Cv2.BitwiseAnd(face, tipFace, tipFace);
            Cv2.Subtract(tipFace, mark.Mask, tipFace);
            metalGrey = Cv2.Mean(mark.Smooth, tipFace).Val0;
            contrast = Cv2.CountNonZero(mark.Mask) == 0 ? 0 : metalGrey - Cv2.Mean(mark.Smooth, mark.Mask).Val0;
        }

        using var expectedMask = ExpectedStrokeMask.Render(toolpath, geometry, region, lineWidthPx);
        using var expectedReach = Grow(expectedMask, tolerancePx);
        using var markReach = Grow(mark.Mask, tolerancePx);
        using var covered = new Mat();
        Cv2.BitwiseAnd(expectedMask, markReach, covered);
        using var stray = new Mat();
        Cv2.BitwiseNot(expectedReach, stray);
        Cv2.BitwiseAnd(stray, mark.Mask, stray);
        using var fitting = new Mat();
        Cv2.BitwiseAnd(mark.Mask, expectedReach, fitting);

        var expectedCount = Math.Max(1, Cv2.CountNonZero(expectedMask));
        var markCount = Cv2.CountNonZero(mark.Mask);
        var coverage = (double)Cv2.CountNonZero(covered) / expectedCount;
        var strayMark = markCount == 0 ? 0 : (double)Cv2.CountNonZero(stray) / markCount;
        var fill = (double)Cv2.CountNonZero(fitting) / expectedCount;

        // A neighbour's line reaches half a line width from its centre line, plus the tolerance, plus a
        // pixel of blur at its edge.
        var exclusionPx = (lineWidthPx / 2) + tolerancePx + 1;
        var segments = SegmentCoverageScorer.Score(toolpath, geometry, markReach, region, default, exclusionPx, options.MinSegmentCoverage);
        var glyphs = GlyphScorer.Score(expected.Glyphs, geometry, region, expectedMask, covered, stray, options);
        var blobs = StrayBlobs(stray, region, geometry.MillimetresPerPixel, options.MinStrayBlobAreaMm2);
        var judged = segments.Where(s => s.IsJudged).ToList();
        var worstSegment = judged.Count == 0 ? 1.0 : judged.Min(s => s.Coverage);

        var damage = glyphs.Count == 0 ? coverage : glyphs.Min(g => g.Coverage);
        var grade = MarkGrade.Of(
            metalGrey <= 0 ? 0 : contrast / metalGrey,
            Sharpness(mark, contrast, region, geometry, lineWidthPx),
            fill,
            damage);

        var ring = expected.Ring is { } gearRing ? RingReader.Read(mark.Mask, null, region, gearRing, geometry.ToPixel, geometry.MillimetresPerPixel) : null;
        var facts = new MarkFacts(mark.Found, contrast, coverage, strayMark, segments, glyphs, blobs, grade) { Ring = ring, ExpectedIdentity = expected.Identity };
        var reasons = VerificationReasons.Explain(options, facts);
        var pose = new MarkPose(geometry.CentrePx.X, geometry.CentrePx.Y, NormaliseDegrees(geometry.RotationRad * 180 / Math.PI));
        var axis = FrameGeometry.Of(frame);
        return new MarkVerification(
            Passed: reasons.Count == 0,
            StrokeCoverage: coverage,
            StrayMark: strayMark,
            WorstSegmentCoverage: worstSegment,
            Reasons: reasons,
            Alignment: new PixelOffset((int)Math.Round(geometry.CentrePx.X - axis.CentrePx.X), (int)Math.Round(geometry.CentrePx.Y - axis.CentrePx.Y)),
            MarkContrast: contrast,
            Segments: segments)
        {
            Pose = pose,
            Grade = grade,
            Glyphs = glyphs,
            StrayBlobs = blobs,
            Ring = ring,
        };
    }

    public static MarkVerification NoMark(CameraFrame frame, FrameGeometry start, SegmentedMark mark, MarkVerifierOptions options)
    {
        var facts = new MarkFacts(false, mark.Contrast, 0, 0, [], [], [], MarkGrade.Failed);
        var axis = FrameGeometry.Of(frame);
        return new MarkVerification(false, 0, 0, 0, VerificationReasons.Explain(options, facts),
            new PixelOffset((int)Math.Round(start.CentrePx.X - axis.CentrePx.X), (int)Math.Round(start.CentrePx.Y - axis.CentrePx.Y)), mark.Contrast, [])
        {
            Pose = new MarkPose(start.CentrePx.X, start.CentrePx.Y, 0),
        };
    }

    /// <summary>Line width over edge spread (contrast divided by the mean gradient across the mark's
    /// edges): a sharp mark has edges much narrower than its lines, a defocused one edges as wide as them.</summary>
    private static double Sharpness(SegmentedMark mark, double contrast, Rect region, FrameGeometry geometry, double lineWidthPx)
    {
        var centre = new Point((int)Math.Round(geometry.CentrePx.X) - region.X, (int)Math.Round(geometry.CentrePx.Y) - region.Y);
        var size = Math.Min(SharpnessWindowPx, Math.Min(region.Width, region.Height));
        var window = new Rect(Math.Clamp(centre.X - (size / 2), 0, region.Width - size), Math.Clamp(centre.Y - (size / 2), 0, region.Height - size), size, size);
        using var grey = new Mat(mark.Smooth, window);
        using var inside = new Mat(mark.Mask, window);
        using var eroded = new Mat();
        Cv2.Erode(inside, eroded, null);
        using var edge = new Mat();
        Cv2.BitwiseXor(inside, eroded, edge);
        if (Cv2.CountNonZero(edge) == 0 || contrast <= 0)
        {
            return 0;
        }

        using var dx = new Mat();
        using var dy = new Mat();
        Cv2.Sobel(grey, dx, MatType.CV_32F, 1, 0, 3, 1.0 / 8);
        Cv2.Sobel(grey, dy, MatType.CV_32F, 0, 1, 3, 1.0 / 8);
        using var magnitude = new Mat();
        Cv2.Magnitude(dx, dy, magnitude);
        var gradient = Cv2.Mean(magnitude, edge).Val0;
        return gradient <= 0 ? 0 : lineWidthPx * gradient / contrast;
    }

    /// <summary>Stray spots large enough to matter. The stray mask is opened first, so that thin slivers
    /// along the edges of a line a little wider than planned do not count; debris and smears are solid.</summary>
    private static List<StrayBlob> StrayBlobs(Mat strayMask, Rect region, double millimetresPerPixel, double minAreaMm2)
    {
        using var stray = new Mat();
        Cv2.MorphologyEx(strayMask, stray, MorphTypes.Open, null);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(stray, labels, stats, centroids, PixelConnectivity.Connectivity8);
        var pixelArea = millimetresPerPixel * millimetresPerPixel;
        var blobs = new List<StrayBlob>();
        for (var i = 1; i < count; i++)
        {
            var area = stats.At<int>(i, (int)ConnectedComponentsTypes.Area) * pixelArea;
            if (area >= minAreaMm2)
            {
                blobs.Add(new StrayBlob(centroids.At<double>(i, 0) + region.X, centroids.At<double>(i, 1) + region.Y, area));
            }
        }

        return blobs.OrderByDescending(b => b.AreaMm2).ToList();
    }

    private static double NormaliseDegrees(double degrees)
    {
        var d = degrees % 360;
        return d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
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

/// <summary>Everything the reasons are drawn from.</summary>
internal sealed record MarkFacts(
    bool Found,
    double Contrast,
    double StrokeCoverage,
    double StrayMark,
    IReadOnlyList<SegmentScore> Segments,
    IReadOnlyList<GlyphScore> Glyphs,
    IReadOnlyList<StrayBlob> Blobs,
    MarkGrade Grade)
{
    public RingReading? Ring { get; init; }

    public Core.Identity.MicrostampIdentity? ExpectedIdentity { get; init; }
}
