using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>An order of strokes, each drawn forwards or backwards, after a fixed start point, with the
/// position of every stroke kept up to date so that moves can be evaluated in constant time.</summary>
internal sealed class OrderedPath
{
    private readonly Point2 _start;
    private readonly Point2[] _from;
    private readonly Point2[] _to;
    private readonly int[] _order;
    private readonly bool[] _reversed;
    private readonly int[] _position;

    public OrderedPath(IReadOnlyList<Stroke> strokes, Point2 start)
    {
        _start = start;
        _from = [.. strokes.Select(s => s.Start)];
        _to = [.. strokes.Select(s => s.End)];
        _order = [.. Enumerable.Range(0, strokes.Count)];
        _reversed = new bool[strokes.Count];
        _position = [.. Enumerable.Range(0, strokes.Count)];
    }

    public int Count => _order.Length;

    public int StrokeAt(int position) => _order[position];

    public int PositionOf(int stroke) => _position[stroke];

    public Point2 StartOf(int position) => _reversed[position] ? _to[_order[position]] : _from[_order[position]];

    public Point2 EndOf(int position) => _reversed[position] ? _from[_order[position]] : _to[_order[position]];

    /// <summary>Where the laser is before drawing the stroke at <paramref name="position"/>.</summary>
    public Point2 EndBefore(int position) => position == 0 ? _start : EndOf(position - 1);

    /// <summary>Travel saved by reversing positions lo..hi.</summary>
    public double ReversalGain(int lo, int hi)
    {
        var before = EndBefore(lo);
        var hasNext = hi + 1 < Count;
        var next = hasNext ? StartOf(hi + 1) : default;
        var current = before.DistanceTo(StartOf(lo)) + (hasNext ? EndOf(hi).DistanceTo(next) : 0);
        var candidate = before.DistanceTo(EndOf(hi)) + (hasNext ? StartOf(lo).DistanceTo(next) : 0);
        return current - candidate;
    }

    /// <summary>Travel saved by taking positions i..last out and closing the gap.</summary>
    public double RemovalGain(int i, int last)
    {
        var before = EndBefore(i);
        var hasNext = last + 1 < Count;
        var next = hasNext ? StartOf(last + 1) : default;
        return before.DistanceTo(StartOf(i)) + (hasNext ? EndOf(last).DistanceTo(next) : 0) - (hasNext ? before.DistanceTo(next) : 0);
    }

    /// <summary>Travel added by putting positions i..last just before position <paramref name="at"/>
    /// (outside the run; Count means at the end).</summary>
    public double InsertionCost(int i, int last, int at, bool reversed)
    {
        var a = EndBefore(at);
        var hasB = at < Count;
        var b = hasB ? StartOf(at) : default;
        var (first, end) = reversed ? (EndOf(last), StartOf(i)) : (StartOf(i), EndOf(last));
        return a.DistanceTo(first) + (hasB ? end.DistanceTo(b) : 0) - (hasB ? a.DistanceTo(b) : 0);
    }

    public void Reverse(int lo, int hi)
    {
        Array.Reverse(_order, lo, hi - lo + 1);
        Array.Reverse(_reversed, lo, hi - lo + 1);
        for (var k = lo; k <= hi; k++)
        {
            _reversed[k] = !_reversed[k];
            _position[_order[k]] = k;
        }
    }

    /// <summary>Moves positions i..i+run-1 to just before position <paramref name="at"/>.</summary>
    public void Move(int i, int run, int at, bool reversed)
    {
        var strokes = _order.AsSpan(i, run).ToArray();
        var flags = _reversed.AsSpan(i, run).ToArray();
        if (reversed)
        {
            Array.Reverse(strokes);
            Array.Reverse(flags);
            for (var k = 0; k < run; k++)
            {
                flags[k] = !flags[k];
            }
        }

        int target;
        if (at > i)
        {
            // Shift the strokes between the run and the target back over the run.
            Array.Copy(_order, i + run, _order, i, at - i - run);
            Array.Copy(_reversed, i + run, _reversed, i, at - i - run);
            target = at - run;
        }
        else
        {
            Array.Copy(_order, at, _order, at + run, i - at);
            Array.Copy(_reversed, at, _reversed, at + run, i - at);
            target = at;
        }

        strokes.CopyTo(_order, target);
        flags.CopyTo(_reversed, target);
        for (var k = Math.Min(i, target); k < Math.Max(i + run, at); k++)
        {
            _position[_order[k]] = k;
        }
    }

    public IReadOnlyList<Stroke> Materialise(IReadOnlyList<Stroke> strokes) =>
        [.. _order.Select((index, position) => _reversed[position] ? strokes[index].Reversed() : strokes[index])];
}
