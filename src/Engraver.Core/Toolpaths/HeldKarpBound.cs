using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>A Held-Karp (Lagrangian 1-tree) lower bound on travel, on the graph of stroke endpoints.
/// Nodes are the start point and both endpoints of every stroke; each stroke's own two endpoints are
/// joined by a forced edge of zero travel. A toolpath is a path through all nodes that contains every
/// forced edge, in which the start point and the last stroke's exit have one edge and every other node
/// two. For any node penalties p, its travel equals its cost under the weights d(u,v) + p(u) + p(v),
/// less 2 x sum(p), plus p(start) and p(last exit); the path is a spanning tree containing the forced
/// edges, so the cheapest such tree (Prim) minus 2 x sum(p) plus p(start) plus the smallest other
/// penalty bounds the travel from below for every p. Subgradient steps push the penalties towards
/// trees whose node degrees are those of a path, which tightens the bound; the best value met is kept,
/// and every value is a valid bound whatever the steps do.</summary>
public static class HeldKarpBound
{
    /// <param name="upperBound">The travel of a known toolpath; it only sizes the steps.</param>
    public static double Compute(IReadOnlyList<Stroke> strokes, Point2 start, double upperBound, int iterations)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        var n = (2 * strokes.Count) + 1;
        if (strokes.Count == 0)
        {
            return 0;
        }

        var points = new Point2[n];
        points[0] = start;
        for (var k = 0; k < strokes.Count; k++)
        {
            points[(2 * k) + 1] = strokes[k].Start;
            points[(2 * k) + 2] = strokes[k].End;
        }

        var distance = new double[n * n];
        for (var u = 0; u < n; u++)
        {
            for (var v = u + 1; v < n; v++)
            {
                var d = IsForced(u, v) ? 0 : points[u].DistanceTo(points[v]);
                distance[(u * n) + v] = d;
                distance[(v * n) + u] = d;
            }
        }

        var penalty = new double[n];
        var degree = new int[n];
        var best = 0.0;
        var lambda = 2.0;
        for (var iteration = 0; iteration <= iterations; iteration++)
        {
            var tree = Prim(distance, penalty, degree, n);
            var value = tree - (2 * penalty.Sum()) + penalty[0] + penalty.Skip(1).Min();
            best = Math.Max(best, value);

            var squared = 0.0;
            for (var u = 0; u < n; u++)
            {
                var target = u == 0 ? 1 : 2;
                squared += (degree[u] - target) * (degree[u] - target);
            }

            if (squared == 0)
            {
                break;
            }

            var step = lambda * Math.Max(upperBound - value, 1e-6) / squared;
            for (var u = 0; u < n; u++)
            {
                penalty[u] += step * (degree[u] - (u == 0 ? 1 : 2));
            }

            lambda *= 0.93;
        }

        return best;
    }

    // Endpoints 2k+1 and 2k+2 belong to stroke k.
    private static bool IsForced(int u, int v) => u > 0 && v > 0 && (u + 1) / 2 == (v + 1) / 2;

    // The other endpoint of the same stroke.
    private static int Partner(int u) => u % 2 == 1 ? u + 1 : u - 1;

    // Prim over strokes rather than endpoints: when an endpoint joins the tree its partner joins with
    // it through the forced edge, so the tree is the cheapest one that holds every forced edge.
    private static double Prim(double[] distance, double[] penalty, int[] degree, int n)
    {
        var key = new double[n];
        var parent = new int[n];
        var inTree = new bool[n];
        Array.Fill(key, double.PositiveInfinity);
        Array.Clear(degree);
        key[0] = 0;
        parent[0] = -1;
        var total = 0.0;
        var added = 0;
        while (added < n)
        {
            var u = -1;
            for (var v = 0; v < n; v++)
            {
                if (!inTree[v] && (u < 0 || key[v] < key[u]))
                {
                    u = v;
                }
            }

            total += Join(u, parent[u], key[u]);
            if (u != 0)
            {
                var w = Partner(u);
                total += Join(w, u, penalty[u] + penalty[w]);
            }
        }

        return total;

        double Join(int u, int from, double weight)
        {
            inTree[u] = true;
            added++;
            if (from >= 0)
            {
                degree[u]++;
                degree[from]++;
            }

            var row = u * n;
            for (var v = 0; v < n; v++)
            {
                if (!inTree[v] && !IsForced(u, v))
                {
                    var candidate = distance[row + v] + penalty[u] + penalty[v];
                    if (candidate < key[v])
                    {
                        key[v] = candidate;
                        parent[v] = u;
                    }
                }
            }

            return weight;
        }
    }
}
