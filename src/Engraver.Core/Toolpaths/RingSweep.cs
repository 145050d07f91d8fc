using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>Breaks a closed sweep of strokes into an open path that starts close to a given point:
/// every starting stroke and both directions around the ring are tried, and the one with the least
/// travel (the jump in plus the sweep without its closing move) wins. Linear in the number of strokes.</summary>
public static class RingSweep
{
    public static IReadOnlyList<Stroke> OpenNear(IReadOnlyList<Stroke> cycle, Point2 from)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (cycle.Count == 0)
        {
            return [];
        }

        var backward = cycle.Reverse().Select(s => s.Reversed()).ToArray();
        var (bestCost, bestStart, bestReversed) = (double.PositiveInfinity, 0, false);
        foreach (var reversed in new[] { false, true })
        {
            IReadOnlyList<Stroke> order = reversed ? backward : cycle;
            var closedTravel = 0.0;
            for (var i = 0; i < order.Count; i++)
            {
                closedTravel += Move(order, i);
            }

            for (var start = 0; start < order.Count; start++)
            {
                // Starting at 'start' drops the move that arrives at it from the stroke before.
                var arriving = Move(order, start);
                var cost = from.DistanceTo(order[start].Start) + closedTravel - arriving;
                if (cost < bestCost - 1e-12)
                {
                    (bestCost, bestStart, bestReversed) = (cost, start, reversed);
                }
            }
        }

        IReadOnlyList<Stroke> chosen = bestReversed ? backward : cycle;
        return [.. chosen.Skip(bestStart), .. chosen.Take(bestStart)];
    }

    /// <summary>Travel from the stroke before position i (cyclically) to the stroke at i.</summary>
    private static double Move(IReadOnlyList<Stroke> order, int i) =>
        order[(i + order.Count - 1) % order.Count].End.DistanceTo(order[i].Start);
}
