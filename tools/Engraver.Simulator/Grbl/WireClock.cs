using System.Diagnostics;

namespace Engraver.Simulator.Grbl;

/// <summary>One direction of an emulated serial wire: a byte takes 10 bit times (start, 8 data, stop)
/// at the configured baud rate, and bytes queue behind those still on the wire. Times are
/// <see cref="Stopwatch"/> timestamps; the wire's free time is kept exactly, so late wake-ups of the
/// delay do not add up into lost throughput.</summary>
internal sealed class WireClock
{
    private readonly double _ticksPerByte;
    private long _freeAt;

    public WireClock(int baudRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        _ticksPerByte = Stopwatch.Frequency * 10.0 / baudRate;
    }

    /// <summary>Books <paramref name="byteCount"/> bytes that were ready to go at <paramref name="readyAt"/>;
    /// returns when the last of them has crossed the wire.</summary>
    public long Book(int byteCount, long readyAt)
    {
        var start = Math.Max(readyAt, _freeAt);
        _freeAt = start + (long)Math.Round(byteCount * _ticksPerByte);
        return _freeAt;
    }

    /// <summary>Waits until <paramref name="timestamp"/>.</summary>
    public static async Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining >= TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }
    }
}
