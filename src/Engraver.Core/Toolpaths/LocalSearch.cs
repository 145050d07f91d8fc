using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>Shortens the travel of an ordered toolpath with moves that join a stroke to one of its
/// nearest strokes in space: 2-opt (reverse a run of strokes, each then drawn the other way) and Or-opt
/// (move a run of one to three strokes next to a near stroke, in either direction). A work queue holds
/// the strokes worth another look ("don't look" bits): a stroke leaves it when no move around it gains,
/// and returns when a move changes its surroundings, so the search stays near-linear. Deterministic:
/// the queue starts in path order and candidates are tried in a fixed order.</summary>
public static class LocalSearch
{
    private const double Epsilon = 1e-9;
    private const int MaxRun = 3;

    public static IReadOnlyList<Stroke> Improve(IReadOnlyList<Stroke> strokes, Point2 start, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        if (strokes.Count < 3)
        {
            return [.. strokes];
        }

        var path = new OrderedPath(strokes, start);
        var near = NearestStrokes.Find(strokes, neighbours);
        var queue = new Queue<int>(Enumerable.Range(0, strokes.Count));
        var queued = Enumerable.Repeat(true, strokes.Count).ToArray();

        // Each applied move shortens the travel by more than Epsilon, so the loop ends; the cap is a guard.
        var budget = 50 * strokes.Count;
        while (queue.Count > 0 && budget-- > 0)
        {
            var stroke = queue.Dequeue();
            queued[stroke] = false;
            var touched = TryTwoOpt(path, near, stroke) ?? TryOrOpt(path, near, stroke);
            if (touched is null)
            {
                continue;
            }

            foreach (var position in touched)
            {
                if (position >= 0 && position < path.Count && !queued[path.StrokeAt(position)])
                {
                    queued[path.StrokeAt(position)] = true;
                    queue.Enqueue(path.StrokeAt(position));
                }
            }
        }

        return path.Materialise(strokes);
    }

    /// <summary>The best reversal that makes the stroke adjacent to a near stroke, or null when none gains.</summary>
    private static int[]? TryTwoOpt(OrderedPath path, int[][] near, int stroke)
    {
        var i = path.PositionOf(stroke);
        var (bestGain, bestLo, bestHi) = (Epsilon, -1, -1);
        foreach (var neighbour in near[stroke])
        {
            var p = path.PositionOf(neighbour);
            var (lo, hi) = (Math.Min(i, p), Math.Max(i, p));
            for (var variant = 0; variant < 4; variant++)
            {
                // Reverse lo+1..hi, lo..hi-1, lo..hi or lo+1..hi-1: each joins the two strokes differently.
                var a = variant is 0 or 3 ? lo + 1 : lo;
                var b = variant is 1 or 3 ? hi - 1 : hi;
                if (a <= b)
                {
                    var gain = path.ReversalGain(a, b);
                    if (gain > bestGain)
                    {
                        (bestGain, bestLo, bestHi) = (gain, a, b);
                    }
                }
            }
        }

        if (bestLo < 0)
        {
            return null;
        }

        path.Reverse(bestLo, bestHi);
        return [bestLo - 1, bestLo, bestHi, bestHi + 1];
    }

    /// <summary>The best move of a run starting at the stroke next to a near stroke, or null when none gains.</summary>
    private static int[]? TryOrOpt(OrderedPath path, int[][] near, int stroke)
    {
        var i = path.PositionOf(stroke);
        var (bestGain, bestRun, bestAt, bestReversed) = (Epsilon, 0, -1, false);
        for (var run = 1; run <= MaxRun && i + run <= path.Count; run++)
        {
            var last = i + run - 1;
            var removal = path.RemovalGain(i, last);
            foreach (var neighbour in near[stroke])
            {
                var p = path.PositionOf(neighbour);

                // Just before or just after the near stroke, drawn forwards or backwards.
                for (var variant = 0; variant < 4; variant++)
                {
                    var at = p + (variant / 2);
                    var reversed = variant % 2 == 1;
                    if (at >= i && at <= last + 1)
                    {
                        continue;
                    }

                    var gain = removal - path.InsertionCost(i, last, at, reversed);
                    if (gain > bestGain)
                    {
                        (bestGain, bestRun, bestAt, bestReversed) = (gain, run, at, reversed);
                    }
                }
            }
        }

        if (bestAt < 0)
        {
            return null;
        }

        path.Move(i, bestRun, bestAt, bestReversed);
        var target = bestAt > i ? bestAt - bestRun : bestAt;
        var gap = bestAt > i ? i : i + bestRun;
        return [gap - 1, gap, target - 1, target, target + bestRun - 1, target + bestRun];
    }
}
