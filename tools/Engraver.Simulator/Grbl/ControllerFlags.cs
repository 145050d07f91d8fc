namespace Engraver.Simulator.Grbl;

/// <summary>State shared by the line executor and the realtime handler: alarm lock, homing, and the
/// count of G-code lines received since start or reset.</summary>
internal sealed class ControllerFlags
{
    private volatile bool _alarm;
    private volatile bool _homing;
    private int _linesReceived;
    private const int KeptLines = 4096;
    private readonly Queue<string> _recent = new();

    public bool Alarm
    {
        get => _alarm;
        set => _alarm = value;
    }

    public bool Homing
    {
        get => _homing;
        set => _homing = value;
    }

    public int LinesReceived => Volatile.Read(ref _linesReceived);

    public int NextLineNumber() => Interlocked.Increment(ref _linesReceived);

    /// <summary>The last G-code lines received, oldest first, up to <see cref="KeptLines"/>: what a test checks the
    /// controller was sent over the wire.</summary>
    public IReadOnlyList<string> RecentLines()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }

    public void Received(string line)
    {
        lock (_recent)
        {
            if (_recent.Count == KeptLines)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(line);
        }
    }

    public void ResetLineCount() => Interlocked.Exchange(ref _linesReceived, 0);
}
