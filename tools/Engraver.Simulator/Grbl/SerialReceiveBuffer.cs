using System.Threading.Channels;

namespace Engraver.Simulator.Grbl;

/// <summary>The controller's serial receive ring: bytes received but not yet taken by the line parser.
/// A byte that arrives while it is full is lost and counted, as on the real controller; a correct
/// character-counting sender never causes that.</summary>
internal sealed class SerialReceiveBuffer(int capacity)
{
    private readonly Channel<byte> _bytes = Channel.CreateUnbounded<byte>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private int _count;
    private int _overruns;

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

    public async ValueTask<byte> ReadAsync(CancellationToken cancellationToken)
    {
        var value = await _bytes.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Decrement(ref _count);
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
