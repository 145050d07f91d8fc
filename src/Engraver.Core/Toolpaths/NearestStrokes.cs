using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>For each stroke, the few other strokes whose endpoints come closest to its endpoints,
/// found through a grid of buckets so the work stays near-linear in the number of strokes.</summary>
internal static class NearestStrokes
{
    private const double BucketMm = 0.04;
    private const int MaxReach = 8;

    public static int[][] Find(IReadOnlyList<Stroke> strokes, int count)
    {
        var buckets = new Dictionary<(int, int), List<int>>();
        for (var s = 0; s < strokes.Count; s++)
        {
            for (var end = 0; end < 2; end++)
            {
                var key = Bucket(end == 0 ? strokes[s].Start : strokes[s].End);
                if (!buckets.TryGetValue(key, out var list))
                {
                    buckets[key] = list = [];
                }

                if (list.Count == 0 || list[^1] != s)
                {
                    list.Add(s);
                }
            }
        }

        var result = new int[strokes.Count][];
        var seen = new HashSet<int>();
        var candidates = new List<(double Distance, int Stroke)>();
        for (var s = 0; s < strokes.Count; s++)
        {
            seen.Clear();
            candidates.Clear();
            // Widen the square of buckets around both endpoints until enough strokes are found.
            for (var reach = 1; reach <= MaxReach && (reach == 1 || candidates.Count < count); reach++)
            {
                for (var end = 0; end < 2; end++)
                {
                    var (bx, by) = Bucket(end == 0 ? strokes[s].Start : strokes[s].End);
                    for (var dx = -reach; dx <= reach; dx++)
                    {
                        for (var dy = -reach; dy <= reach; dy++)
                        {
                            if ((Math.Abs(dx) != reach && Math.Abs(dy) != reach && reach > 1) || !buckets.TryGetValue((bx + dx, by + dy), out var list))
                            {
                                continue;
                            }

                            foreach (var other in list)
                            {
                                if (other != s && seen.Add(other))
                                {
                                    candidates.Add((EndpointDistanceSquared(strokes[s], strokes[other]), other));
                                }
                            }
                        }
                    }
                }
            }

            candidates.Sort();
            var kept = new int[Math.Min(count, candidates.Count)];
            for (var k = 0; k < kept.Length; k++)
            {
                kept[k] = candidates[k].Stroke;
            }

            result[s] = kept;
        }

        return result;
    }

    private static (int, int) Bucket(Point2 p) => ((int)Math.Floor(p.X / BucketMm), (int)Math.Floor(p.Y / BucketMm));

    private static double EndpointDistanceSquared(Stroke a, Stroke b) =>
        Math.Min(Math.Min(Squared(a.Start, b.Start), Squared(a.Start, b.End)), Math.Min(Squared(a.End, b.Start), Squared(a.End, b.End)));

    private static double Squared(Point2 a, Point2 b) => ((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y));
}
