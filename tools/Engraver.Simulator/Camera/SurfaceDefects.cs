using OpenCvSharp;

namespace Engraver.Simulator.Camera;

/// <summary>Draws dirt that lies on the tip face into the mark-depth image (0..255): dark debris
/// particles and a smeared streak, scattered around the view centre, where the marking is.</summary>
internal static class SurfaceDefects
{
    private const double ScatterRadiusMm = 0.4;
    private const double MinParticleMm = 0.015;
    private const double MaxParticleMm = 0.04;
    private const double SmearLengthMm = 0.3;
    private const double SmearWidthMm = 0.04;
    private const double SmearDepth = 150;
    private const double HiddenDepth = 200;
    private const double HiddenInnerMm = 0.5;
    private const double HiddenOuterMm = 0.85;

    public static void Draw(Mat depth, ViewMapping view, CameraDefects defects, Random random)
    {
        for (var i = 0; i < defects.DebrisParticles; i++)
        {
            var at = Scatter(view, random);
            var diameterPx = (MinParticleMm + (random.NextDouble() * (MaxParticleMm - MinParticleMm))) / view.MillimetresPerPixel;
            var axes = new Size(Math.Max(1, (int)Math.Round(diameterPx / 2)), Math.Max(1, (int)Math.Round(diameterPx * (0.3 + (0.2 * random.NextDouble())))));
            Cv2.Ellipse(depth, at, axes, random.NextDouble() * 180, 0, 360, Scalar.All(230), -1, LineTypes.AntiAlias);
        }

        foreach (var sector in defects.HiddenSectors)
        {
            Cv2.FillPoly(depth, [SectorOutline(view, sector)], Scalar.All(HiddenDepth), LineTypes.AntiAlias);
        }

        if (defects.Smear)
        {
            using var streak = new Mat(depth.Size(), MatType.CV_8UC1, Scalar.All(0));
            var axes = new Size((int)Math.Round(SmearLengthMm / 2 / view.MillimetresPerPixel), (int)Math.Round(SmearWidthMm / 2 / view.MillimetresPerPixel));
            Cv2.Ellipse(streak, Scatter(view, random, 0.15), axes, random.NextDouble() * 180, 0, 360, Scalar.All(SmearDepth), -1, LineTypes.AntiAlias);
            Cv2.GaussianBlur(streak, streak, new Size(0, 0), SmearWidthMm / 6 / view.MillimetresPerPixel);
            Cv2.Max(depth, streak, depth);
        }
    }

    private static Point[] SectorOutline(ViewMapping view, Sector sector)
    {
        var steps = Math.Max(2, (int)Math.Ceiling(Math.Abs(sector.SpanDeg)));
        var points = new List<Point>();
        foreach (var radius in new[] { HiddenOuterMm, HiddenInnerMm })
        {
            for (var k = 0; k <= steps; k++)
            {
                var i = radius == HiddenOuterMm ? k : steps - k;
                var angle = (sector.FromDeg + (sector.SpanDeg * i / steps)) * Math.PI / 180;
                var (col, row) = view.ToPixel(view.Centre + new Core.Geometry.Point2(radius * Math.Cos(angle), radius * Math.Sin(angle)));
                points.Add(new Point((int)Math.Round(col), (int)Math.Round(row)));
            }
        }

        return points.ToArray();
    }

    private static Point Scatter(ViewMapping view, Random random, double radiusMm = ScatterRadiusMm)
    {
        var radius = radiusMm * Math.Sqrt(random.NextDouble());
        var angle = random.NextDouble() * 2 * Math.PI;
        var (col, row) = view.ToPixel(view.Centre + new Core.Geometry.Point2(radius * Math.Cos(angle), radius * Math.Sin(angle)));
        return new Point((int)Math.Round(col), (int)Math.Round(row));
    }
}
