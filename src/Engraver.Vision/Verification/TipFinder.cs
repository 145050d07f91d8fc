using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Finds the circular edge of the pin tip in a frame: Hough circles on a reduced copy, searched
/// only near the expected radius. Returns null when no such circle shows (for instance a frame taken so
/// close that the edge is outside it); the caller then falls back to the optical axis.</summary>
internal static class TipFinder
{
    private const double RadiusSlack = 0.08;
    private const double TargetReducedRadiusPx = 120;

    public static (Point2d Centre, double RadiusPx)? Find(Mat image, double expectedRadiusPx)
    {
        var factor = Math.Max(1, (int)Math.Floor(expectedRadiusPx / TargetReducedRadiusPx));
        using var small = new Mat();
        Cv2.Resize(image, small, new Size(image.Cols / factor, image.Rows / factor), 0, 0, InterpolationFlags.Area);
        Cv2.GaussianBlur(small, small, new Size(0, 0), 1.5);
        var radius = expectedRadiusPx / factor;
        var circles = Cv2.HoughCircles(
            small,
            HoughModes.Gradient,
            dp: 1,
            minDist: radius,
            param1: 60,
            param2: 25,
            minRadius: (int)Math.Floor(radius * (1 - RadiusSlack)),
            maxRadius: (int)Math.Ceiling(radius * (1 + RadiusSlack)));
        if (circles.Length == 0)
        {
            return null;
        }

        // Strongest first: OpenCV orders by accumulator votes.
        var best = circles[0];
        var centre = new Point2d((best.Center.X * factor) + ((factor - 1) / 2.0), (best.Center.Y * factor) + ((factor - 1) / 2.0));
        var hough = (centre, (double)best.Radius * factor);

        // The edge is searched around the radius the tip is known to have, not the Hough radius: a dark
        // arc just outside the tip (an occluded sector, the holder) can pull the Hough circle several
        // pixels wide, and a band centred there misses the real edge on one side. A second pass from the
        // first fit's centre takes out what is left of the Hough centre's error.
        for (var pass = 0; pass < 2; pass++)
        {
            if (Refine(image, centre, expectedRadiusPx) is not { } fit
                || Math.Abs(fit.RadiusPx - expectedRadiusPx) > expectedRadiusPx * RadiusSlack)
            {
                return pass == 0 ? hough : (centre, expectedRadiusPx);
            }

            (centre, hough) = (fit.Centre, fit);
        }

        return hough;
    }

    /// <summary>The Hough centre is only as good as the reduced copy; the edge itself, found along rays
    /// as the steepest fall from the bright face to the dark rim, gives the circle to a fraction of a
    /// pixel by a least-squares fit (Kåsa's method).</summary>
    private static (Point2d Centre, double RadiusPx)? Refine(Mat image, Point2d centre, double radius)
    {
        const int Rays = 180;
        var reach = Math.Max(4, radius * 0.04);
        var edges = new List<Point2d>(Rays);
        for (var ray = 0; ray < Rays; ray++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * ray / Rays);
            double bestDrop = 0, bestAt = double.NaN;
            var previous = Sample(image, centre, cos, sin, radius - reach - 1);
            for (var r = radius - reach; r <= radius + reach; r += 1)
            {
                var here = Sample(image, centre, cos, sin, r);
                if (previous - here > bestDrop)
                {
                    (bestDrop, bestAt) = (previous - here, r - 0.5);
                }

                previous = here;
            }

            if (!double.IsNaN(bestAt))
            {
                edges.Add(new Point2d(centre.X + (bestAt * cos), centre.Y + (bestAt * sin)));
            }
        }

        return edges.Count < Rays / 2 ? null : FitCircle(edges);
    }

    private static double Sample(Mat image, Point2d centre, double cos, double sin, double r)
    {
        var col = (int)Math.Round(centre.X + (r * cos));
        var row = (int)Math.Round(centre.Y + (r * sin));
        return col < 0 || row < 0 || col >= image.Cols || row >= image.Rows ? double.NaN : image.At<byte>(row, col);
    }

    private static (Point2d Centre, double RadiusPx)? FitCircle(List<Point2d> points)
    {
        // Solve x² + y² + D x + E y + F = 0 in the least-squares sense (normal equations, 3 x 3).
        double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
        var n = points.Count;
        foreach (var p in points)
        {
            var z = (p.X * p.X) + (p.Y * p.Y);
            sxx += p.X * p.X;
            sxy += p.X * p.Y;
            syy += p.Y * p.Y;
            sx += p.X;
            sy += p.Y;
            sxz += p.X * z;
            syz += p.Y * z;
            sz += z;
        }

        using var a = Mat.FromPixelData(3, 3, MatType.CV_64FC1, new[] { sxx, sxy, sx, sxy, syy, sy, sx, sy, (double)n });
        using var b = Mat.FromPixelData(3, 1, MatType.CV_64FC1, new[] { -sxz, -syz, -sz });
        using var solution = new Mat();
        if (!Cv2.Solve(a, b, solution, DecompTypes.Cholesky))
        {
            return null;
        }

        var d = solution.At<double>(0);
        var e = solution.At<double>(1);
        var f = solution.At<double>(2);
        var cx = -d / 2;
        var cy = -e / 2;
        var r2 = (cx * cx) + (cy * cy) - f;
        return r2 <= 0 ? null : (new Point2d(cx, cy), Math.Sqrt(r2));
    }
}
