namespace Engraver.Hardware.Grbl;

/// <summary>Character-counting flow control (GRBL 1.1 streaming protocol): the bytes of lines sent
/// but not yet acknowledged, line endings included, never exceed the window, which is one less than the
/// controller's receive buffer. Pure bookkeeping; the client decides when to wait.</summary>
public sealed class CharacterCountingWindow
{
    private readonly Queue<int> _inFlight = new();

    public CharacterCountingWindow(int capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public int CapacityBytes { get; }

    /// <summary>Bytes sent and not yet acknowledged.</summary>
    public int InFlightBytes { get; private set; }

    public int InFlightLines => _inFlight.Count;

    /// <summary>Whether a line of <paramref name="lineBytes"/> fits now. A line larger than the whole
    /// window never fits; check <see cref="Fits"/> before streaming.</summary>
    public bool CanSend(int lineBytes) => InFlightBytes + lineBytes <= CapacityBytes;

    public bool Fits(int lineBytes) => lineBytes > 0 && lineBytes <= CapacityBytes;

    public void Sent(int lineBytes)
    {
        if (!Fits(lineBytes))
        {
            throw new ArgumentOutOfRangeException(nameof(lineBytes), lineBytes, $"A line must be 1 to {CapacityBytes} bytes to fit the window.");
        }

        if (!CanSend(lineBytes))
        {
            throw new InvalidOperationException($"Sending {lineBytes} bytes would put {InFlightBytes + lineBytes} unacknowledged bytes in a {CapacityBytes}-byte window.");
        }

        _inFlight.Enqueue(lineBytes);
        InFlightBytes += lineBytes;
    }

    /// <summary>The oldest line was answered (ok or error); returns the bytes it freed.</summary>
    public int Acknowledge()
    {
        if (!_inFlight.TryDequeue(out var bytes))
        {
            throw new InvalidOperationException("An acknowledgement arrived with no line in flight.");
        }

        InFlightBytes -= bytes;
        return bytes;
    }

    public void Clear()
    {
        _inFlight.Clear();
        InFlightBytes = 0;
    }
}
