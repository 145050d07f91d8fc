using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Finds the tip's edge when neither its size nor its shape can be taken for granted: Hough
/// circles over a wide range of radii (the scale of a photograph may be far from the one configured),
/// then the edge along rays around each candidate, fitted as an ellipse (a tilted tip shows its round
/// face foreshortened) when the edge shows all round, or as a circle when part of it is cut off.</summary>
internal static class TipEllipseFinder
{
    private const int Rays = 180;
    private const double BandFraction = 0.08;
    private const int MaxCandidates = 3;
    private const double HoughRadiusPx = 40;
    private const double RefineRadiusPx = 150;

    /// <summary>Sampling step along a ray, in pixels of the reduced copy.</summary>
    private const double Step = 0.5;

    /// <summary>How far past a fall (pixels of the reduced copy) the ray must have settled: a soft edge
    /// takes a few pixels to reach the dark side.</summary>
    private const double Settle = 3;

    /// <summary>Settled: within this fraction of the fall above the lowest level further out.</summary>
    private const double SettledFraction = 0.35;

    /// <summary>Below this ratio of the axes (a tilt of about 20 degrees) an ellipse is a bad fit, not a tilt.</summary>
    private const double SmallestAxisRatio = 0.94;

    /// <param name="image">The photograph, tip face bright.</param>
    /// <param name="expectedRadiusPx">Tip radius at the configured scale.</param>
    /// <param name="smallest">Smallest radius looked for, as a fraction of the expected one.</param>
    /// <param name="largest">Largest, likewise.</param>
    /// <returns>Candidate edges, strongest first: centre, full axes and the first axis's angle in degrees
    /// (as OpenCV's <see cref="RotatedRect"/>).</returns>
    public static IReadOnlyList<RotatedRect> Find(Mat image, double expectedRadiusPx, double smallest, double largest)
    {
        var factor = Math.Max(1, (int)Math.Floor(expectedRadiusPx * smallest / HoughRadiusPx));
        using var small = new Mat();
        Cv2.Resize(image, small, new Size(Math.Max(1, image.Cols / factor), Math.Max(1, image.Rows / factor)), 0, 0, InterpolationFlags.Area);
        Cv2.GaussianBlur(small, small, new Size(0, 0), 1.5);
        var low = expectedRadiusPx * smallest / factor;
        var high = expectedRadiusPx * largest / factor;
        var circles = Cv2.HoughCircles(small, HoughModes.Gradient, dp: 1, minDist: low / 2, param1: 60, param2: 25,
            minRadius: (int)Math.Floor(low), maxRadius: (int)Math.Ceiling(high));

        var found = new List<RotatedRect>();
        var copies = new Dictionary<int, Mat>();
        try
        {
            foreach (var circle in circles.Take(MaxCandidates * 2))
            {
                var centre = new Point2d((circle.Center.X * factor) + ((factor - 1) / 2.0), (circle.Center.Y * factor) + ((factor - 1) / 2.0));
                var radius = (double)circle.Radius * factor;
                if (found.Any(f => Math.Abs((f.Size.Width / 2) - radius) < radius * 0.05 && Distance(f.Center, centre) < radius * 0.05))
                {
                    continue;
                }

                // The edge is fitted on a copy where the tip is RefineRadiusPx or more across its radius:
                // a coarser one cannot show a foreshortening of a per cent or two.
                var refineFactor = Math.Max(1, (int)Math.Floor(radius / RefineRadiusPx));
                if (!copies.TryGetValue(refineFactor, out var copy))
                {
                    copy = Reduced(image, refineFactor);
                    copies[refineFactor] = copy;
                }

                // The Hough radius of a soft edge can be several per cent off: a second pass starts from the
                // first pass's circle, where the whole edge lies well inside the band.
                var first = Refine(copy, refineFactor, centre, radius, BandFraction, fitEllipse: false);
                var second = first is { } pass ? Refine(copy, refineFactor, new Point2d(pass.Center.X, pass.Center.Y), pass.Size.Width / 2, BandFraction / 2, fitEllipse: true) : null;
                found.Add(second ?? first ?? new RotatedRect(new Point2f((float)centre.X, (float)centre.Y), new Size2f(2 * (float)radius, 2 * (float)radius), 0));
                if (found.Count == MaxCandidates)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var copy in copies.Values)
            {
                copy.Dispose();
            }
        }

        return found;
    }

    private static Mat Reduced(Mat image, int factor)
    {
        var copy = new Mat();
        Cv2.Resize(image, copy, new Size(Math.Max(1, image.Cols / factor), Math.Max(1, image.Rows / factor)), 0, 0, InterpolationFlags.Area);
        Cv2.GaussianBlur(copy, copy, new Size(0, 0), 1.5);
        return copy;
    }

    /// <summary>The steepest fall from the bright face to the dark rim along each ray, searched on the
    /// smoothed reduced copy; an ellipse through them when they go all round, else a circle.</summary>
    private static RotatedRect? Refine(Mat small, int factor, Point2d centre, double radius, double bandFraction, bool fitEllipse)
    {
        var c = new Point2d(((centre.X - ((factor - 1) / 2.0)) / factor), ((centre.Y - ((factor - 1) / 2.0)) / factor));
        var r = radius / factor;
        var band = Math.Max(3, r * bandFraction);
        var edges = new List<Point2f>(Rays);
        var steps = (int)Math.Floor(2 * band / Step) + 1;
        var beyond = (int)Math.Ceiling(Settle / Step);
        var profile = new double[steps + beyond + 1];
        var lowest = new double[profile.Length];
        for (var ray = 0; ray < Rays; ray++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * ray / Rays);
            for (var k = 0; k < profile.Length; k++)
            {
                profile[k] = Sample(small, c, cos, sin, r - band - Step + (k * Step));
            }

            // The lowest the ray goes from each point outward (NaN beyond the photograph is no floor).
            var floor = double.NaN;
            for (var k = profile.Length - 1; k >= 0; k--)
            {
                floor = double.IsNaN(profile[k]) ? floor : double.IsNaN(floor) ? profile[k] : Math.Min(floor, profile[k]);
                lowest[k] = floor;
            }

            double bestDrop = 0, bestAt = double.NaN;
            for (var k = 1; k <= steps; k++)
            {
                var drop = profile[k - 1] - profile[k];
                if (drop > bestDrop && Settles(profile, lowest, k, beyond))
                {
                    (bestDrop, bestAt) = (drop, r - band + ((k - 1) * Step) - (Step / 2));
                }
            }

            if (!double.IsNaN(bestAt))
            {
                edges.Add(new Point2f((float)((((c.X + (bestAt * cos)) * factor) + ((factor - 1) / 2.0))), (float)(((c.Y + (bestAt * sin)) * factor) + ((factor - 1) / 2.0))));
            }
        }

        if (edges.Count < Rays / 3)
        {
            return null;
        }

        var circle = CircleThrough(edges);
        if (fitEllipse && edges.Count >= Rays * 0.9)
        {
            var ellipse = WithoutStrays(edges, Cv2.FitEllipse(edges));
            var ratio = Math.Min(ellipse.Size.Width, ellipse.Size.Height) / Math.Max(ellipse.Size.Width, ellipse.Size.Height);
            if (ratio >= SmallestAxisRatio && Distance(ellipse.Center, new Point2d(circle.Center.X, circle.Center.Y)) < radius * 0.05)
            {
                return ellipse;
            }
        }

        return circle;
    }

    /// <summary>Whether the fall at step <paramref name="k"/> ends near the lowest level the ray reaches
    /// further out: the tip's edge falls to the dark outside (or its rim), while the edge of a bright flat
    /// patch on the face falls only to the metal, well above it, and must not be taken for the tip's edge.</summary>
    private static bool Settles(double[] profile, double[] lowest, int k, int beyond)
    {
        var after = profile[Math.Min(profile.Length - 1, k + beyond)];
        var from = profile[k - 1];
        return double.IsNaN(after) || double.IsNaN(lowest[k]) || after <= lowest[k] + (SettledFraction * (from - lowest[k]));
    }

    /// <summary>Refits without the edge points that lie off the first fit by more than three times the
    /// median: where a bright patch or a dark smudge meets the face near its edge, some rays stop at
    /// that boundary instead, and a few per cent of radius on part of the edge reads as a tilt.</summary>
    private static RotatedRect WithoutStrays(List<Point2f> edges, RotatedRect first)
    {
        var (sin, cos) = Math.SinCos(first.Angle * Math.PI / 180);
        var a = first.Size.Width / 2.0;
        var b = first.Size.Height / 2.0;
        var residuals = edges.Select(p =>
        {
            var dx = p.X - first.Center.X;
            var dy = p.Y - first.Center.Y;
            var u = ((dx * cos) + (dy * sin)) / a;
            var v = ((-dx * sin) + (dy * cos)) / b;
            return Math.Abs(Math.Sqrt((u * u) + (v * v)) - 1) * (a + b) / 2;
        }).ToList();
        var limit = Math.Max(1.0, 3 * residuals.Order().ElementAt(residuals.Count / 2));
        var kept = edges.Where((_, i) => residuals[i] <= limit).ToList();
        return kept.Count == edges.Count || kept.Count < edges.Count * 0.6 ? first : Cv2.FitEllipse(kept);
    }

    /// <summary>Least-squares circle (Kåsa) through the edge points.</summary>
    private static RotatedRect CircleThrough(List<Point2f> points)
    {
        double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
        foreach (var p in points)
        {
            double x = p.X, y = p.Y, z = (x * x) + (y * y);
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
            sx += x;
            sy += y;
            sxz += x * z;
            syz += y * z;
            sz += z;
        }

        using var a = Mat.FromPixelData(3, 3, MatType.CV_64FC1, new[] { sxx, sxy, sx, sxy, syy, sy, sx, sy, (double)points.Count });
        using var b = Mat.FromPixelData(3, 1, MatType.CV_64FC1, new[] { -sxz, -syz, -sz });
        using var solution = new Mat();
        Cv2.Solve(a, b, solution, DecompTypes.SVD);
        var cx = -solution.At<double>(0) / 2;
        var cy = -solution.At<double>(1) / 2;
        var radius = Math.Sqrt(Math.Max(0, (cx * cx) + (cy * cy) - solution.At<double>(2)));
        return new RotatedRect(new Point2f((float)cx, (float)cy), new Size2f(2 * radius, 2 * radius), 0);
    }

    private static double Sample(Mat image, Point2d centre, double cos, double sin, double r)
    {
        var x = centre.X + (r * cos);
        var y = centre.Y + (r * sin);
        var col = (int)Math.Floor(x);
        var row = (int)Math.Floor(y);
        if (col < 0 || row < 0 || col + 1 >= image.Cols || row + 1 >= image.Rows)
        {
            return double.NaN;
        }

        // Bilinear: the edge is located to a fraction of a pixel of the reduced copy.
        var fx = x - col;
        var fy = y - row;
        var top = (image.At<byte>(row, col) * (1 - fx)) + (image.At<byte>(row, col + 1) * fx);
        var bottom = (image.At<byte>(row + 1, col) * (1 - fx)) + (image.At<byte>(row + 1, col + 1) * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    private static double Distance(Point2f a, Point2d b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
}
