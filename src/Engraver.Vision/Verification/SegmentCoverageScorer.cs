using Engraver.Core.Toolpaths;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Scores each straight segment on its own by sampling its centre line once per pixel and
/// asking whether a mark lies within tolerance there. Samples within reach of any other segment are not
/// judged: that segment's mark would cover them, so they say nothing about this one.</summary>
internal static class SegmentCoverageScorer
{
    /// <param name="markReach">Mark mask grown by the tolerance, covering <paramref name="markRegion"/> of the image.</param>
    /// <param name="shift">Alignment of the mark relative to its nominal place.</param>
    /// <param name="exclusionPx">Distance from another segment's centre line within which samples are not judged.</param>
    /// <param name="minCoverage">Coverage a judged segment needs to pass.</param>
    public static IReadOnlyList<SegmentScore> Score(
        Toolpath expected, FrameGeometry geometry, Mat markReach, Rect markRegion, PixelOffset shift, double exclusionPx, double minCoverage)
    {
        var segments = PixelSegments(expected, geometry);
        var scores = new List<SegmentScore>(segments.Count);
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            var neighbours = Neighbours(segments, s, exclusionPx);
            var length = segment.From.DistanceTo(segment.To);
            var steps = Math.Max(1, (int)Math.Ceiling(length));
            int judged = 0, marked = 0;
            for (var i = 0; i <= steps; i++)
            {
                var t = (double)i / steps;
                var sample = segment.From + ((segment.To - segment.From) * t);
                if (NearAny(sample, neighbours, exclusionPx))
                {
                    continue;
                }

                judged++;
                var col = (int)Math.Round(sample.X) + shift.X - markRegion.X;
                var row = (int)Math.Round(sample.Y) + shift.Y - markRegion.Y;
                if (col >= 0 && row >= 0 && col < markReach.Cols && row < markReach.Rows && markReach.At<byte>(row, col) != 0)
                {
                    marked++;
                }
            }

            var coverage = judged == 0 ? 1.0 : (double)marked / judged;
            scores.Add(new SegmentScore(segment.StrokeIndex, segment.SegmentIndex, coverage, judged, judged == 0 || coverage >= minCoverage));
        }

        return scores;
    }

    private static List<PixelSegment> PixelSegments(Toolpath expected, FrameGeometry geometry)
    {
        var segments = new List<PixelSegment>();
        for (var s = 0; s < expected.Strokes.Count; s++)
        {
            var points = expected.Strokes[s].Points;
            for (var i = 1; i < points.Count; i++)
            {
                segments.Add(new PixelSegment(s, i - 1, geometry.ToPixel(points[i - 1]), geometry.ToPixel(points[i])));
            }
        }

        return segments;
    }

    // Only segments whose boxes come within the exclusion distance can matter; the rest are skipped
    // once per segment rather than once per sample.
    private static List<PixelSegment> Neighbours(List<PixelSegment> segments, int self, double exclusionPx)
    {
        var me = segments[self];
        var near = new List<PixelSegment>();
        for (var other = 0; other < segments.Count; other++)
        {
            var o = segments[other];
            if (other != self
                && Math.Max(o.From.X, o.To.X) >= Math.Min(me.From.X, me.To.X) - exclusionPx
                && Math.Min(o.From.X, o.To.X) <= Math.Max(me.From.X, me.To.X) + exclusionPx
                && Math.Max(o.From.Y, o.To.Y) >= Math.Min(me.From.Y, me.To.Y) - exclusionPx
                && Math.Min(o.From.Y, o.To.Y) <= Math.Max(me.From.Y, me.To.Y) + exclusionPx)
            {
                near.Add(o);
            }
        }

        return near;
    }

    private static bool NearAny(Point2d sample, List<PixelSegment> neighbours, double exclusionPx)
    {
        foreach (var other in neighbours)
        {
            if (DistanceToSegment(sample, other) <= exclusionPx)
            {
                return true;
            }
        }

        return false;
    }

    private static double DistanceToSegment(Point2d p, PixelSegment segment)
    {
        var along = segment.To - segment.From;
        var lengthSquared = (along.X * along.X) + (along.Y * along.Y);
        var t = lengthSquared == 0 ? 0 : Math.Clamp((((p.X - segment.From.X) * along.X) + ((p.Y - segment.From.Y) * along.Y)) / lengthSquared, 0, 1);
        var nearest = segment.From + (along * t);
        return p.DistanceTo(nearest);
    }

    private readonly record struct PixelSegment(int StrokeIndex, int SegmentIndex, Point2d From, Point2d To);
}
