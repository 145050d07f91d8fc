using Engraver.Core.Microstamp;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Finds the gear ring's orientation mark: the only mark that crosses the gaps between the
/// ring's tracks. Walks the mark mask around the circles through the middle of both gaps and takes the
/// longest dark arc they share; its middle is the mark's angle in the image.</summary>
internal static class OrientationMarkFinder
{
    /// <param name="mark">Mark mask (255 = mark) over <paramref name="region"/> of the image.</param>
    /// <param name="centre">Tip centre in image pixels.</param>
    /// <returns>The mark's angle, counter-clockwise from image +X with +Y up, in radians; null when no
    /// arc of about the mark's width crosses both gaps.</returns>
    public static double? Find(Mat mark, Rect region, Point2d centre, GearRing ring, double millimetresPerPixel)
    {
        var innerGap = ring.TrackOuterRadiusMm(0) + (ring.TrackGapMm / 2);
        var outerGap = ring.TrackOuterRadiusMm(1) + (ring.TrackGapMm / 2);
        var samples = (int)Math.Ceiling(2 * Math.PI * innerGap / millimetresPerPixel);
        var dark = new bool[samples];
        for (var i = 0; i < samples; i++)
        {
            var angle = 2 * Math.PI * i / samples;
            dark[i] = IsDark(mark, region, centre, innerGap / millimetresPerPixel, angle)
                && IsDark(mark, region, centre, outerGap / millimetresPerPixel, angle);
        }

        // The mark is the dark arc as wide as the mark; a wider one is an occlusion, a narrower one noise.
        var expected = (2 * ring.OrientationMarkHalfWidthRad) + (ring.LineWidthMm / innerGap);
        var runs = CircularRuns(dark)
            .Select(r => (r.Start, r.Length, Width: 2 * Math.PI * r.Length / samples))
            .Where(r => r.Width >= expected * 0.5 && r.Width <= expected * 2)
            .OrderBy(r => Math.Abs(r.Width - expected))
            .ToList();
        if (runs.Count == 0)
        {
            return null;
        }

        return 2 * Math.PI * (runs[0].Start + ((runs[0].Length - 1) / 2.0)) / samples;
    }

    private static bool IsDark(Mat mark, Rect region, Point2d centre, double radiusPx, double angle)
    {
        var col = (int)Math.Round(centre.X + (radiusPx * Math.Cos(angle))) - region.X;
        var row = (int)Math.Round(centre.Y - (radiusPx * Math.Sin(angle))) - region.Y;
        return col >= 0 && row >= 0 && col < mark.Cols && row < mark.Rows && mark.At<byte>(row, col) != 0;
    }

    private static List<(int Start, int Length)> CircularRuns(bool[] dark)
    {
        var runs = new List<(int Start, int Length)>();
        var n = dark.Length;
        if (dark.All(d => d))
        {
            return runs;
        }

        // Start counting just after a light sample so a run that wraps around is counted whole.
        var origin = Array.IndexOf(dark, false) + 1;
        int runStart = 0, runLength = 0;
        for (var k = 0; k <= n; k++)
        {
            var i = (origin + k) % n;
            if (k < n && dark[i])
            {
                runStart = runLength == 0 ? i : runStart;
                runLength++;
            }
            else if (runLength > 0)
            {
                runs.Add((runStart, runLength));
                runLength = 0;
            }
        }

        return runs;
    }
}
