using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using OpenCvSharp;

namespace Engraver.Simulator.Camera.Conditions;

/// <summary>A second, independent picture of a pin tip carrying the same gear ring layout, drawn unlike
/// the camera twin: bars as flat-ended quadrilaterals (no round caps), a fixed darkening instead of one
/// that follows burn energy, anti-aliasing by 2x supersampling, a soft tip edge with no rim, vignetting,
/// a coarse scratch texture and noise that grows with brightness (shot noise). No text is drawn; a few
/// blobs stand in for it, so the reader cannot lean on the twin's look.</summary>
public static class IndependentRingRenderer
{
    private const int Supersample = 2;
    private const double FaceGrey = 150;
    private const double OutsideGrey = 55;
    private const double MarkKeep = 0.55;

    /// <param name="centreMm">Where the tip centre is, from the image centre, +Y up.</param>
    /// <param name="turnDeg">Counter-clockwise turn of the pin.</param>
    /// <param name="unstruck">Optional test: true for pin-local angles (degrees) whose cells were never struck.</param>
    public static Mat Render(MicrostampIdentity identity, int sizePx, double millimetresPerPixel, (double X, double Y) centreMm, double turnDeg, int seed, Func<double, bool>? unstruck = null)
    {
        var profile = PinProfile.Default;
        var ring = GearRing.For(profile);
        var random = new Random(seed);
        var big = sizePx * Supersample;
        var pxPerMm = Supersample / millimetresPerPixel;
        var cx = (big / 2.0) + (centreMm.X * pxPerMm);
        var cy = (big / 2.0) - (centreMm.Y * pxPerMm);
        var turn = turnDeg * Math.PI / 180;

        using var marks = new Mat(big, big, MatType.CV_8UC1, Scalar.All(0));
        var code = GearCodec.Instance.Encode(identity);
        var halfWidth = ring.LineWidthMm / 2 * (0.9 + (0.2 * random.NextDouble()));
        for (var cell = 0; cell < ring.CellCount; cell++)
        {
            var angle = ring.CellCentreAngleRad(cell);
            if (!code[cell] || (unstruck?.Invoke(angle * 180 / Math.PI) ?? false))
            {
                continue;
            }

            Bar(marks, cx, cy, pxPerMm, angle + turn, ring.CellInnerRadiusMm(cell), ring.CellOuterRadiusMm(cell), halfWidth);
        }

        foreach (var side in new[] { -1, 1 })
        {
            var angle = ring.OrientationMarkAngleRad + (side * ring.OrientationMarkHalfWidthRad);
            if (!(unstruck?.Invoke(angle * 180 / Math.PI) ?? false))
            {
                Bar(marks, cx, cy, pxPerMm, angle + turn, ring.InnerRadiusMm, ring.OuterRadiusMm, halfWidth);
            }
        }

        // Blobs where the text would be.
        for (var i = 0; i < 12; i++)
        {
            var r = random.NextDouble() * 0.35 * pxPerMm;
            var a = random.NextDouble() * 2 * Math.PI;
            Cv2.Circle(marks, new Point((int)(cx + (r * Math.Cos(a))), (int)(cy + (r * Math.Sin(a)))), (int)(0.02 * pxPerMm), Scalar.All(255), -1);
        }

        using var metal = new Mat(big, big, MatType.CV_32FC1, Scalar.All(OutsideGrey));
        using var disc = new Mat(big, big, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(disc, new Point((int)cx, (int)cy), (int)(profile.TipDiameterMm / 2 * pxPerMm), Scalar.All(255), -1);
        using var discF = new Mat();
        disc.ConvertTo(discF, MatType.CV_32FC1, (FaceGrey - OutsideGrey) / 255.0);
        Cv2.GaussianBlur(discF, discF, new Size(0, 0), 2.5 * Supersample);
        Cv2.Add(metal, discF, metal);

        using var keep = new Mat();
        marks.ConvertTo(keep, MatType.CV_32FC1, -(1 - MarkKeep) / 255.0, 1.0);
        Cv2.Multiply(metal, keep, metal);

        var image = new Mat();
        using var small = new Mat();
        Cv2.Resize(metal, small, new Size(sizePx, sizePx), 0, 0, InterpolationFlags.Area);
        Vignette(small);
        Scratches(small, random);
        ShotNoise(small, random);
        small.ConvertTo(image, MatType.CV_8UC1);
        return image;
    }

    private static void Bar(Mat marks, double cx, double cy, double pxPerMm, double angle, double inner, double outer, double halfWidth)
    {
        var (sin, cos) = Math.SinCos(angle);
        Point At(double r, double across) => new(
            (int)Math.Round(cx + (((r * cos) - (across * sin)) * pxPerMm)),
            (int)Math.Round(cy - (((r * sin) + (across * cos)) * pxPerMm)));
        Cv2.FillConvexPoly(marks, [At(inner, -halfWidth), At(outer, -halfWidth), At(outer, halfWidth), At(inner, halfWidth)], Scalar.All(255), LineTypes.Link8);
    }

    private static void Vignette(Mat image)
    {
        var half = image.Rows / 2.0;
        PixelMap.Apply(image, (row, col, v) => v * (float)(1 - (0.12 * (Math.Pow(col - half, 2) + Math.Pow(row - half, 2)) / (half * half))));
    }

    private static void Scratches(Mat image, Random random)
    {
        using var scratches = new Mat(image.Size(), MatType.CV_32FC1, Scalar.All(0));
        for (var i = 0; i < 40; i++)
        {
            var from = new Point(random.Next(image.Cols), random.Next(image.Rows));
            var to = new Point(from.X + random.Next(-200, 200), from.Y + random.Next(-30, 30));
            Cv2.Line(scratches, from, to, Scalar.All(random.NextDouble() < 0.5 ? 6 : -6), 1, LineTypes.AntiAlias);
        }

        Cv2.Add(image, scratches, image);
    }

    private static void ShotNoise(Mat image, Random random)
    {
        PixelMap.Apply(image, (_, _, v) =>
        {
            var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return (float)(v + (gauss * Math.Sqrt(Math.Max(0, v)) * 0.35));
        });
    }
}
