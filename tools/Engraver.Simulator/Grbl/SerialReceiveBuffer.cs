using System.Threading.Channels;

namespace Engraver.Simulator.Grbl;

/// <summary>The controller's serial receive ring: bytes received but not yet taken by the line parser.
/// A byte that arrives while it is full is lost and counted, as on the real controller; a correct
/// character-counting sender never causes that.</summary>
internal sealed class SerialReceiveBuffer(int capacity)
{
    private readonly Channel<byte> _bytes = Channel.CreateUnbounded<byte>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _taken = new(0);
    private int _count;
    private int _overruns;
    private int _waitingForRoom;

    public int Overruns => Volatile.Read(ref _overruns);

    public int Count => Volatile.Read(ref _count);

    public void Write(byte value)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _overruns);
            return;
        }

        _bytes.Writer.TryWrite(value);
    }

    /// <summary>Writes a byte; while the parser is reading (<paramref name="parserReading"/>), a full buffer
    /// makes the byte wait for room instead of being lost. On the real controller a serial line never outruns
    /// a reading parser (a byte every 87 us at 115200 baud), so only a parser held up, by a full planner or a
    /// frozen controller, lets bytes overrun the buffer; a line longer than the buffer then still arrives whole
    /// and is answered error:11. The pseudo-terminal delivers a whole write at once, hence the wait.</summary>
    public async ValueTask WriteAsync(byte value, Func<bool> parserReading, CancellationToken cancellationToken)
    {
        while (Count >= capacity && parserReading())
        {
            Interlocked.Increment(ref _waitingForRoom);
            try
            {
                // Bounded: the parser may stop reading meanwhile (a line that fills the planner).
                await _taken.WaitAsync(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waitingForRoom);
            }
        }

        Write(value);
    }

    public async ValueTask<byte> ReadAsync(CancellationToken cancellationToken)
    {
        var value = await _bytes.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Decrement(ref _count);
        if (Volatile.Read(ref _waitingForRoom) > 0)
        {
            _taken.Release();
        }

        return value;
    }

    /// <summary>Discards everything; only called while the parser is stopped (soft reset).</summary>
    public void Clear()
    {
        while (_bytes.Reader.TryRead(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
