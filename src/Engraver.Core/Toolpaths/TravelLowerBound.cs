using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>Travel lengths no ordering of the strokes, in any directions, can beat.</summary>
public static class TravelLowerBound
{
    /// <summary>The larger of the two bounds below (each is valid, so their maximum is).</summary>
    public static double Best(IReadOnlyList<Stroke> strokes, Point2 start) =>
        Math.Max(MinimumSpanningTree(strokes, start), NearestEndpoints(strokes, start));

    /// <summary>Every travel move leaves one endpoint (or the start point) and arrives at an endpoint of
    /// another stroke, and each endpoint but the last stroke's exit takes part in exactly one move. A move
    /// is at least as long as the distance from either of its ends to that end's nearest possible partner,
    /// so at least the mean of the two. Summing: travel is at least half of (the start point's nearest
    /// distance plus every endpoint's nearest distance, less the largest of them).</summary>
    public static double NearestEndpoints(IReadOnlyList<Stroke> strokes, Point2 start)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        if (strokes.Count == 0)
        {
            return 0;
        }

        var startNearest = strokes.Min(s => Math.Min(start.DistanceTo(s.Start), start.DistanceTo(s.End)));
        var (sum, largest) = (0.0, 0.0);
        for (var i = 0; i < strokes.Count; i++)
        {
            foreach (var end in new[] { strokes[i].Start, strokes[i].End })
            {
                var nearest = start.DistanceTo(end);
                for (var j = 0; j < strokes.Count; j++)
                {
                    if (j != i)
                    {
                        nearest = Math.Min(nearest, Math.Min(end.DistanceTo(strokes[j].Start), end.DistanceTo(strokes[j].End)));
                    }
                }

                sum += nearest;
                largest = Math.Max(largest, nearest);
            }
        }

        return (startNearest + sum - largest) / 2;
    }

    /// <summary>Any toolpath's travel moves chain the start point and every stroke into one path;
    /// shrinking each stroke to a node, with the distance between two nodes taken as the closest pair of
    /// their endpoints, every move is at least that node distance and the chain is a spanning tree of the
    /// nodes. So the minimum spanning tree's weight (Prim, O(n^2)) bounds the travel from below.</summary>
    public static double MinimumSpanningTree(IReadOnlyList<Stroke> strokes, Point2 start)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        var n = strokes.Count + 1;
        var best = new double[n];
        var inTree = new bool[n];
        Array.Fill(best, double.PositiveInfinity);
        best[0] = 0;
        var total = 0.0;
        for (var step = 0; step < n; step++)
        {
            var next = -1;
            for (var i = 0; i < n; i++)
            {
                if (!inTree[i] && (next < 0 || best[i] < best[next]))
                {
                    next = i;
                }
            }

            inTree[next] = true;
            total += best[next];
            for (var i = 0; i < n; i++)
            {
                if (!inTree[i])
                {
                    best[i] = Math.Min(best[i], NodeDistance(strokes, next, i, start));
                }
            }
        }

        return total;
    }

    // Node 0 is the start point; node k is stroke k - 1.
    private static double NodeDistance(IReadOnlyList<Stroke> strokes, int a, int b, Point2 start)
    {
        if (a == 0 || b == 0)
        {
            var stroke = strokes[Math.Max(a, b) - 1];
            return Math.Min(start.DistanceTo(stroke.Start), start.DistanceTo(stroke.End));
        }

        var (s, t) = (strokes[a - 1], strokes[b - 1]);
        return Math.Min(
            Math.Min(s.Start.DistanceTo(t.Start), s.Start.DistanceTo(t.End)),
            Math.Min(s.End.DistanceTo(t.Start), s.End.DistanceTo(t.End)));
    }
}
