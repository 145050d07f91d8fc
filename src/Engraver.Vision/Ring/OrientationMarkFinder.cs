using Engraver.Core.Microstamp;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Finds the gear ring's orientation mark: two bars, the only marks that cross the gaps between
/// the ring's tracks. Walks the mark mask around the circles through the middle of both gaps, keeps the
/// line-wide dark runs they share, and takes the pair a bar separation apart; its middle is the mark's
/// angle in the image.</summary>
internal static class OrientationMarkFinder
{
    /// <param name="mark">Mark mask (255 = mark) over <paramref name="region"/> of the image.</param>
    /// <param name="centre">Tip centre in image pixels.</param>
    /// <returns>The mark's angle, counter-clockwise from image +X with +Y up, in radians; null when no
    /// pair of bars crosses both gaps.</returns>
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

        // Each of the mark's two bars is a dark run about a line wide; the pair sits a slot pitch apart.
        // A wider run is an occlusion, a narrower one noise; no data cell crosses the gaps at all.
        var barWidth = ring.LineWidthMm / innerGap;
        var separation = 2 * ring.OrientationMarkHalfWidthRad;
        var bars = CircularRuns(dark)
            .Select(r => (Centre: 2 * Math.PI * (r.Start + ((r.Length - 1) / 2.0)) / samples, Width: 2 * Math.PI * r.Length / samples))
            .Where(r => r.Width >= barWidth * 0.3 && r.Width <= barWidth * 3)
            .ToList();
        return BestPair(bars.Select(b => b.Centre).ToList(), separation);
    }

    /// <summary>The midpoint of the two bar centres whose angular distance is nearest the mark's bar
    /// separation (within a third of it); null when no pair qualifies.</summary>
    private static double? BestPair(List<double> centres, double separation)
    {
        double? best = null;
        var bestError = separation / 3;
        for (var i = 0; i < centres.Count; i++)
        {
            for (var j = i + 1; j < centres.Count; j++)
            {
                var delta = Math.IEEERemainder(centres[j] - centres[i], 2 * Math.PI);
                var error = Math.Abs(Math.Abs(delta) - separation);
                if (error < bestError)
                {
                    bestError = error;
                    var middle = centres[i] + (delta / 2);
                    best = middle < 0 ? middle + (2 * Math.PI) : middle % (2 * Math.PI);
                }
            }
        }

        return best;
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
