namespace Engraver.Simulator.Grbl;

/// <summary>Feed and spindle (laser power, in laser mode) overrides, set by realtime bytes 0x90-0x9D as
/// GRBL 1.1 defines them: 10-200 % each. Moves already planned keep the values they were planned with.</summary>
internal sealed class Overrides
{
    private const int Min = 10;
    private const int Max = 200;
    private volatile int _feedPercent = 100;
    private volatile int _spindlePercent = 100;

    public int FeedPercent => _feedPercent;

    public int SpindlePercent => _spindlePercent;

    /// <summary>Applies an override byte; false when the byte is not one.</summary>
    public bool Apply(byte command)
    {
        switch (command)
        {
            case 0x90: _feedPercent = 100; return true;
            case 0x91: _feedPercent = Clamp(_feedPercent + 10); return true;
            case 0x92: _feedPercent = Clamp(_feedPercent - 10); return true;
            case 0x93: _feedPercent = Clamp(_feedPercent + 1); return true;
            case 0x94: _feedPercent = Clamp(_feedPercent - 1); return true;
            case 0x99: _spindlePercent = 100; return true;
            case 0x9A: _spindlePercent = Clamp(_spindlePercent + 10); return true;
            case 0x9B: _spindlePercent = Clamp(_spindlePercent - 10); return true;
            case 0x9C: _spindlePercent = Clamp(_spindlePercent + 1); return true;
            case 0x9D: _spindlePercent = Clamp(_spindlePercent - 1); return true;
            default: return false;
        }
    }

    public PlannedMotion Scale(PlannedMotion motion) =>
        FeedPercent == 100 && SpindlePercent == 100
            ? motion
            : motion with
            {
                FeedMmPerMin = motion.FeedMmPerMin * FeedPercent / 100.0,
                PowerFraction = Math.Min(1.0, motion.PowerFraction * SpindlePercent / 100.0),
            };

    public void Reset()
    {
        _feedPercent = 100;
        _spindlePercent = 100;
    }

    private static int Clamp(int percent) => Math.Clamp(percent, Min, Max);
}
