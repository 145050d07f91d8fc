using System.Diagnostics;

namespace Engraver.Simulator.Grbl;

/// <summary>Wall time the controller spent moving or dwelling. Intervals may overlap (a dwell that waits
/// for the planner): each is counted only past the end of the last one counted.</summary>
public sealed class BusyClock
{
    private readonly Lock _gate = new();
    private long _ticks;
    private long _countedUntil;

    public double Seconds
    {
        get
        {
            lock (_gate)
            {
                return (double)_ticks / Stopwatch.Frequency;
            }
        }
    }

    /// <summary>Adds the interval between two <see cref="Stopwatch.GetTimestamp"/> values.</summary>
    public void Add(long start, long end)
    {
        lock (_gate)
        {
            var from = Math.Max(start, _countedUntil);
            if (end > from)
            {
                _ticks += end - from;
                _countedUntil = end;
            }
        }
    }
}
