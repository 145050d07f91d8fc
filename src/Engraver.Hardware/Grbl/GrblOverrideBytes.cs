namespace Engraver.Hardware.Grbl;

/// <summary>The realtime bytes that take a GRBL 1.1 override (feed, or spindle = laser power in laser mode) from
/// one percentage to another: the reset byte when the target is 100, else coarse ±10 steps while ten or more
/// are left, then fine ±1 steps. GRBL keeps each override within 10..200 %.</summary>
public static class GrblOverrideBytes
{
    public const int MinPercent = 10;
    public const int MaxPercent = 200;

    public static IReadOnlyList<byte> Feed(int fromPercent, int toPercent) =>
        Steps(fromPercent, toPercent, GrblRealtime.FeedOverrideReset, GrblRealtime.FeedOverridePlus10, GrblRealtime.FeedOverrideMinus10,
            GrblRealtime.FeedOverridePlus1, GrblRealtime.FeedOverrideMinus1);

    public static IReadOnlyList<byte> LaserPower(int fromPercent, int toPercent) =>
        Steps(fromPercent, toPercent, GrblRealtime.LaserPowerOverrideReset, GrblRealtime.LaserPowerOverridePlus10, GrblRealtime.LaserPowerOverrideMinus10,
            GrblRealtime.LaserPowerOverridePlus1, GrblRealtime.LaserPowerOverrideMinus1);

    private static List<byte> Steps(int from, int to, byte reset, byte plus10, byte minus10, byte plus1, byte minus1)
    {
        if (to is < MinPercent or > MaxPercent)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"GRBL overrides run from {MinPercent} to {MaxPercent} %.");
        }

        if (to == 100)
        {
            return [reset];
        }

        var bytes = new List<byte>();
        var at = from;
        if (from is < MinPercent or > MaxPercent)
        {
            // Not a value the controller can hold: start again from the recipe as written.
            bytes.Add(reset);
            at = 100;
        }

        while (Math.Abs(to - at) >= 10)
        {
            bytes.Add(to > at ? plus10 : minus10);
            at += to > at ? 10 : -10;
        }

        while (at != to)
        {
            bytes.Add(to > at ? plus1 : minus1);
            at += to > at ? 1 : -1;
        }

        return bytes;
    }
}
