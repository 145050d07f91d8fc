using Engraver.Core.Geometry;
using Engraver.Core.MaterialTest;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using OpenCvSharp;

namespace Engraver.Vision.MaterialTest;

/// <summary>Grades one material-test cell from a frame whose optical axis is on the cell's centre. The metal's
/// level is the median of the window beyond <see cref="ClearLines"/> line widths of every stroke; the mark's
/// level is the median along the strokes' centre lines; contrast is their difference over the metal's level. A
/// pixel is marked when darker than halfway between the two (and beyond four times the metal's own spread, so
/// noise is never a mark). Fill, line width and stray are counted from the marked pixels (see
/// <see cref="CellGrade"/>), and <see cref="CellScore"/> turns them into the grade.</summary>
public static class CellGrader
{
    /// <summary>Around every stroke, the band (in line widths) that an over-burn may flood; beyond it is metal.</summary>
    private const double ClearLines = 6;

    /// <summary>The band (in line widths) beyond the intended area that still counts as the mark's own edge.</summary>
    private const double EdgeLines = 1;

    private const double NoiseSigmas = 4;

    public static CellGrade Grade(CameraFrame frame, CellPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(pattern);
        var scale = frame.MillimetresPerPixel;
        var linePx = pattern.LineWidthMm / scale;
        var halfWindowMm = CellPattern.HalfSizeMm + (ClearLines * pattern.LineWidthMm * 2);
        var window = Window(frame, halfWindowMm);
        using var image = new Mat(frame.Image, window);
        var toPixel = ToPixel(frame, window);

        using var lines = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All(0));
        DrawStrokes(lines, pattern.Lines, toPixel, linePx);
        using var intended = lines.Clone();
        DrawStrokes(intended, pattern.Hatch, toPixel, linePx);
        Cv2.FillConvexPoly(intended, pattern.FilledSquare.Select(p => Round(toPixel(p))).ToArray(), Scalar.All(255));
        using var centreLines = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All(0));
        DrawStrokes(centreLines, [.. pattern.Lines, .. pattern.Hatch], toPixel, Math.Max(1, linePx / 3));

        using var edge = Grow(intended, EdgeLines * linePx);
        using var lineZone = Grow(lines, EdgeLines * linePx);
        using var clear = Grow(intended, ClearLines * linePx);
        using var metal = new Mat();
        Cv2.BitwiseNot(clear, metal);

        var metalLevel = Median(image, metal);
        var markLevel = Median(image, centreLines);
        Cv2.MeanStdDev(image, out _, out var spread, metal);
        if (metalLevel is not { } bright || markLevel is not { } dark || bright <= 0)
        {
            return CellScore.From(0, 0, pattern.LineWidthMm, 0, 0);
        }

        var contrast = Math.Max(0, (bright - dark) / bright);
        var threshold = bright - Math.Max(NoiseSigmas * spread.Val0, (bright - dark) / 2);
        using var marked = new Mat();
        Cv2.Threshold(image, marked, threshold, 255, ThresholdTypes.BinaryInv);

        var intendedPx = Cv2.CountNonZero(intended);
        var fill = intendedPx == 0 ? 0 : (double)CountBoth(marked, intended) / intendedPx;
        var lineLengthPx = pattern.Lines.Sum(s => s.Length) / scale;
        var widthMm = CountBoth(marked, lineZone) / lineLengthPx * scale;
        using var outside = new Mat();
        Cv2.BitwiseNot(edge, outside);
        var stray = intendedPx == 0 ? 0 : (double)CountBoth(marked, outside) / intendedPx;
        return CellScore.From(contrast, widthMm, pattern.LineWidthMm, fill, stray);
    }

    /// <summary>The part of the frame around its centre that holds the cell and the metal around it.</summary>
    private static Rect Window(CameraFrame frame, double halfMm)
    {
        var halfPx = (int)Math.Ceiling(halfMm / frame.MillimetresPerPixel);
        var (cx, cy) = ((frame.Image.Cols - 1) / 2.0, (frame.Image.Rows - 1) / 2.0);
        var left = Math.Max(0, (int)Math.Floor(cx - halfPx));
        var top = Math.Max(0, (int)Math.Floor(cy - halfPx));
        var right = Math.Min(frame.Image.Cols, (int)Math.Ceiling(cx + halfPx) + 1);
        var bottom = Math.Min(frame.Image.Rows, (int)Math.Ceiling(cy + halfPx) + 1);
        return new Rect(left, top, right - left, bottom - top);
    }

    /// <summary>Cell-local mm to window pixels: the optical axis is the frame's centre, +Y up.</summary>
    private static Func<Point2, Point2d> ToPixel(CameraFrame frame, Rect window)
    {
        var (cx, cy) = ((frame.Image.Cols - 1) / 2.0, (frame.Image.Rows - 1) / 2.0);
        var scale = frame.MillimetresPerPixel;
        return p => new Point2d(cx + (p.X / scale) - window.X, cy - (p.Y / scale) - window.Y);
    }

    private static void DrawStrokes(Mat mask, IEnumerable<Stroke> strokes, Func<Point2, Point2d> toPixel, double widthPx)
    {
        foreach (var stroke in strokes)
        {
            for (var i = 1; i < stroke.Points.Count; i++)
            {
                RoundCappedLine.Draw(mask, toPixel(stroke.Points[i - 1]), toPixel(stroke.Points[i]), widthPx, Scalar.All(255), LineTypes.Link8);
            }
        }
    }

    private static Mat Grow(Mat mask, double byPx)
    {
        var radius = Math.Max(1, (int)Math.Round(byPx));
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * radius) + 1, (2 * radius) + 1));
        var grown = new Mat();
        Cv2.Dilate(mask, grown, kernel);
        return grown;
    }

    private static int CountBoth(Mat a, Mat b)
    {
        using var both = new Mat();
        Cv2.BitwiseAnd(a, b, both);
        return Cv2.CountNonZero(both);
    }

    /// <summary>The median grey level of the image under the mask; null for an empty mask.</summary>
    private static double? Median(Mat image, Mat mask)
    {
        using var hist = new Mat();
        Cv2.CalcHist([image], [0], mask, hist, 1, [256], [new Rangef(0, 256)]);
        var total = Cv2.Sum(hist).Val0;
        if (total <= 0)
        {
            return null;
        }

        var running = 0.0;
        for (var level = 0; level < 256; level++)
        {
            running += hist.At<float>(level);
            if (running >= total / 2)
            {
                return level;
            }
        }

        return 255;
    }

    private static Point Round(Point2d p) => new((int)Math.Round(p.X), (int)Math.Round(p.Y));
}
