using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>Orders strokes to keep laser-off travel short: nearest neighbour, then 2-opt, where any
/// stroke may be drawn in either direction. Both the nearest-neighbour order and the given order are
/// improved and the shorter wins, so the result never travels further than the given order.
/// Fully deterministic: ties go to the lower index and to the stroke's own direction.</summary>
public sealed class TravelOptimizer
{
    // Improvements smaller than this are rounding noise; ignoring them guarantees termination.
    private const double Epsilon = 1e-12;

    /// <summary>Laser-off travel from <paramref name="start"/> to the first stroke and between strokes.</summary>
    public static double TravelLength(IReadOnlyList<Stroke> strokes, Point2 start)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        var travel = 0.0;
        var at = start;
        foreach (var stroke in strokes)
        {
            travel += at.DistanceTo(stroke.Start);
            at = stroke.End;
        }

        return travel;
    }

    public IReadOnlyList<Stroke> Optimize(IReadOnlyList<Stroke> strokes, Point2 start)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        if (strokes.Count < 2)
        {
            return [.. strokes];
        }

        var fromNearest = Improve(NearestNeighbour(strokes, start), strokes, start);
        var fromGiven = Improve(Tour.Identity(strokes.Count), strokes, start);
        var a = fromNearest.Materialise(strokes);
        var b = fromGiven.Materialise(strokes);
        return TravelLength(b, start) < TravelLength(a, start) ? b : a;
    }

    private static Tour NearestNeighbour(IReadOnlyList<Stroke> strokes, Point2 start)
    {
        var tour = new Tour(new int[strokes.Count], new bool[strokes.Count]);
        var used = new bool[strokes.Count];
        var at = start;
        for (var step = 0; step < strokes.Count; step++)
        {
            var (best, reversed, bestDistance) = (-1, false, double.PositiveInfinity);
            for (var i = 0; i < strokes.Count; i++)
            {
                if (used[i])
                {
                    continue;
                }

                var forward = at.DistanceTo(strokes[i].Start);
                if (forward < bestDistance)
                {
                    (best, reversed, bestDistance) = (i, false, forward);
                }

                var backward = at.DistanceTo(strokes[i].End);
                if (backward < bestDistance)
                {
                    (best, reversed, bestDistance) = (i, true, backward);
                }
            }

            used[best] = true;
            tour.Order[step] = best;
            tour.Reversed[step] = reversed;
            at = reversed ? strokes[best].Start : strokes[best].End;
        }

        return tour;
    }

    // 2-opt on an open path: reversing positions i..j also flips the direction of every stroke in it,
    // so only the two travel moves at the ends of the reversed run change.
    private static Tour Improve(Tour tour, IReadOnlyList<Stroke> strokes, Point2 start)
    {
        var n = tour.Order.Length;
        bool improved;
        do
        {
            improved = false;
            for (var i = 0; i < n; i++)
            {
                var before = i == 0 ? start : tour.EndOf(i - 1, strokes);
                for (var j = i; j < n; j++)
                {
                    var hasNext = j + 1 < n;
                    var next = hasNext ? tour.StartOf(j + 1, strokes) : default;
                    var current = before.DistanceTo(tour.StartOf(i, strokes))
                        + (hasNext ? tour.EndOf(j, strokes).DistanceTo(next) : 0);
                    var candidate = before.DistanceTo(tour.EndOf(j, strokes))
                        + (hasNext ? tour.StartOf(i, strokes).DistanceTo(next) : 0);
                    if (candidate < current - Epsilon)
                    {
                        tour.Reverse(i, j);
                        improved = true;
                    }
                }
            }
        }
        while (improved);

        return tour;
    }

    private sealed record Tour(int[] Order, bool[] Reversed)
    {
        public static Tour Identity(int count) => new(Enumerable.Range(0, count).ToArray(), new bool[count]);

        public Point2 StartOf(int position, IReadOnlyList<Stroke> strokes) =>
            Reversed[position] ? strokes[Order[position]].End : strokes[Order[position]].Start;

        public Point2 EndOf(int position, IReadOnlyList<Stroke> strokes) =>
            Reversed[position] ? strokes[Order[position]].Start : strokes[Order[position]].End;

        public void Reverse(int i, int j)
        {
            Array.Reverse(Order, i, j - i + 1);
            Array.Reverse(Reversed, i, j - i + 1);
            for (var k = i; k <= j; k++)
            {
                Reversed[k] = !Reversed[k];
            }
        }

        public Stroke[] Materialise(IReadOnlyList<Stroke> strokes) =>
            [.. Order.Select((index, position) => Reversed[position] ? strokes[index].Reversed() : strokes[index])];
    }
}
