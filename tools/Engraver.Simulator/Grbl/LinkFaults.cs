namespace Engraver.Simulator.Grbl;

/// <summary>Faults of the serial wire rather than of G-code lines: received bytes dropped or corrupted,
/// noise sent to the host, a controller that stops answering. Set from tests and the CLI while the
/// simulator runs; thread-safe.</summary>
public sealed class LinkFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _noise = new();
    private int _dropReceived;
    private int _corruptReceived;
    private volatile bool _silent;

    /// <summary>While set the controller still executes what it receives but sends nothing back.</summary>
    public bool Silent
    {
        get => _silent;
        set => _silent = value;
    }

    /// <summary>The next <paramref name="count"/> bytes from the host are lost on the wire.</summary>
    public void DropReceivedBytes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Interlocked.Add(ref _dropReceived, count);
    }

    /// <summary>The next <paramref name="count"/> bytes from the host arrive as 0xFF.</summary>
    public void CorruptReceivedBytes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Interlocked.Add(ref _corruptReceived, count);
    }

    /// <summary><paramref name="bytes"/> go to the host before the next reply, between two whole replies
    /// (noise never splits a reply here: that would be a lost reply, a different fault).</summary>
    public void InjectNoise(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new ArgumentException("Noise must be at least one byte.", nameof(bytes));
        }

        lock (_gate)
        {
            _noise.Enqueue(bytes.ToArray());
        }
    }

    /// <summary>What the wire does to one received byte: null when it is lost.</summary>
    internal byte? OnReceived(byte value)
    {
        if (Volatile.Read(ref _dropReceived) > 0 && Interlocked.Decrement(ref _dropReceived) >= 0)
        {
            return null;
        }

        return Volatile.Read(ref _corruptReceived) > 0 && Interlocked.Decrement(ref _corruptReceived) >= 0 ? (byte)0xFF : value;
    }

    internal byte[]? TakeNoise()
    {
        lock (_gate)
        {
            return _noise.TryDequeue(out var noise) ? noise : null;
        }
    }
}
