namespace Engraver.Simulator.Grbl;

/// <summary>State shared by the line executor and the realtime handler: alarm lock, homing, and the
/// count of G-code lines received since start or reset.</summary>
internal sealed class ControllerFlags
{
    private volatile bool _alarm;
    private volatile bool _homing;
    private int _linesReceived;

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

    public void ResetLineCount() => Interlocked.Exchange(ref _linesReceived, 0);
}
