using Engraver.Core.Geometry;

namespace Engraver.Core.Calibration;

/// <summary>One fiducial dot: where it was burned (machine mm) and where the camera saw it, in pixels from the
/// image centre with +X to the right and +Y up (row numbers flipped).</summary>
public readonly record struct FiducialSighting(Point2 MachineMm, Point2 ImagePx);

/// <summary>The camera's geometry as a fit found it: where its optical axis is relative to the laser, its scale,
/// and how far it is turned about its axis (counter-clockwise seen from above: a machine direction shows in the
/// image turned the other way). Residuals are, per dot, the distance in mm between where it was burned and where
/// the fitted geometry puts what the camera saw.</summary>
public sealed record CameraFitResult(Point2 OffsetMm, double MillimetresPerPixel, double RotationDeg, IReadOnlyList<double> ResidualsMm)
{
    public double RmsResidualMm => Math.Sqrt(ResidualsMm.Sum(r => r * r) / ResidualsMm.Count);

    public double MaxResidualMm => ResidualsMm.Max();
}

/// <summary>Least squares fit of a similarity (offset, scale, rotation) from image to machine:
/// <c>machine = head + offset + s R(theta) image</c>, with the laser head at <c>head</c> when the frame was taken.
/// Linear in a = s cos(theta), b = s sin(theta) and the offset, so it is solved directly (normal equations).</summary>
public static class CameraFit
{
    public const int MinimumSightings = 3;

    public static CameraFitResult Fit(Point2 headMm, IReadOnlyList<FiducialSighting> sightings)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        if (sightings.Count < MinimumSightings)
        {
            throw new ArgumentException($"A camera fit needs at least {MinimumSightings} fiducial dots; {sightings.Count} given.", nameof(sightings));
        }

        // Unknowns p = (a, b, ox, oy). Rows: x: [u, -v, 1, 0] = mx - hx; y: [v, u, 0, 1] = my - hy.
        var normal = new double[4, 4];
        var right = new double[4];
        foreach (var s in sightings)
        {
            var (u, v) = (s.ImagePx.X, s.ImagePx.Y);
            Accumulate(normal, right, [u, -v, 1, 0], s.MachineMm.X - headMm.X);
            Accumulate(normal, right, [v, u, 0, 1], s.MachineMm.Y - headMm.Y);
        }

        var p = Solve(normal, right)
            ?? throw new ArgumentException("The fiducial dots do not determine a camera geometry (they coincide).", nameof(sightings));
        var (a, b, ox, oy) = (p[0], p[1], p[2], p[3]);
        var residuals = sightings
            .Select(s =>
            {
                var (u, v) = (s.ImagePx.X, s.ImagePx.Y);
                var predicted = new Point2(headMm.X + ox + (a * u) - (b * v), headMm.Y + oy + (b * u) + (a * v));
                return predicted.DistanceTo(s.MachineMm);
            })
            .ToList();
        return new CameraFitResult(new Point2(ox, oy), Math.Sqrt((a * a) + (b * b)), Math.Atan2(b, a) * 180 / Math.PI, residuals);
    }

    private static void Accumulate(double[,] normal, double[] right, double[] row, double value)
    {
        for (var i = 0; i < 4; i++)
        {
            right[i] += row[i] * value;
            for (var j = 0; j < 4; j++)
            {
                normal[i, j] += row[i] * row[j];
            }
        }
    }

    /// <summary>Gaussian elimination with partial pivoting; null when singular.</summary>
    private static double[]? Solve(double[,] a, double[] b)
    {
        const int n = 4;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            if (Math.Abs(m[pivot, col]) < 1e-12)
            {
                return null;
            }

            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[r, k] -= f * m[col, k];
                }

                x[r] -= f * x[col];
            }
        }

        var result = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = x[r];
            for (var k = r + 1; k < n; k++)
            {
                sum -= m[r, k] * result[k];
            }

            result[r] = sum / m[r, r];
        }

        return result;
    }
}
