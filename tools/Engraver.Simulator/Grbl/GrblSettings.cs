using System.Globalization;

namespace Engraver.Simulator.Grbl;

/// <summary>The '$' settings of the simulated controller: a GRBL 1.1h laser build's defaults.</summary>
internal sealed class GrblSettings
{
    private readonly SortedDictionary<int, double> _values = new()
    {
        [0] = 10, [1] = 25, [2] = 0, [3] = 0, [4] = 0, [5] = 0, [6] = 0, [10] = 1, [11] = 0.010, [12] = 0.002,
        [13] = 0, [20] = 0, [21] = 0, [22] = 1, [23] = 0, [24] = 25, [25] = 500, [26] = 250, [27] = 1,
        [30] = 1000, [31] = 0, [32] = 1,
        [100] = 80, [101] = 80, [102] = 250, [110] = 6000, [111] = 6000, [112] = 500,
        [120] = 500, [121] = 500, [122] = 10, [130] = 200, [131] = 200, [132] = 50,
    };

    private static readonly HashSet<int> IntegerSettings = [0, 1, 2, 3, 4, 5, 6, 10, 13, 20, 21, 22, 23, 26, 30, 31, 32];

    public bool HomingEnabled => _values[22] != 0;

    public bool LaserMode => _values[32] != 0;

    /// <summary>$12: how far an arc's chords may stray from the true arc.</summary>
    public double ArcToleranceMm => _values[12] <= 0 ? 0.002 : _values[12];

    public bool SoftLimitsEnabled => _values[20] != 0;

    /// <summary>GRBL's soft-limit test (system.c system_check_travel_limits, built without
    /// HOMING_FORCE_SET_ORIGIN): machine space is [-max travel, 0] on every axis ($130-$132), whichever way
    /// the axis homes; a target above 0 or below -max travel is out.</summary>
    public bool WithinTravel(Position3 target) =>
        !(Beyond(target.X, _values[130]) || Beyond(target.Y, _values[131]) || Beyond(target.Z, _values[132]));

    /// <summary>Where homing leaves the machine (limits.c limits_go_home): an axis whose $23 bit is set homes
    /// to its negative end and stops at -max travel + pull-off ($27), any other at -pull-off; in whole steps.</summary>
    public Position3 HomedPosition() => new(Homed(0), Homed(1), Homed(2));

    public double MaxSpindleSpeed => _values[30] <= 0 ? 1 : _values[30];

    /// <summary>G0 runs at the slower of the X and Y maximum rates.</summary>
    public double RapidRateMmPerMin => Math.Min(_values[110], _values[111]);

    public IEnumerable<string> Lines() => _values.Select(p =>
        $"${p.Key}={p.Value.ToString(IntegerSettings.Contains(p.Key) ? "0" : "0.000", CultureInfo.InvariantCulture)}");

    private static bool Beyond(double position, double maxTravel) => position > 0 || position < -maxTravel;

    private double Homed(int axis)
    {
        var homesNegative = ((int)_values[23] & (1 << axis)) != 0;
        var position = homesNegative ? -_values[130 + axis] + _values[27] : -_values[27];
        var stepsPerMm = _values[100 + axis];
        return Math.Round(position * stepsPerMm, MidpointRounding.AwayFromZero) / stepsPerMm;
    }

    /// <summary>Applies "$n=v" (text after the '$'); returns a GRBL status code.</summary>
    public int TryWrite(string assignment)
    {
        var parts = assignment.Split('=', 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !_values.ContainsKey(number))
        {
            return GrblStatus.InvalidStatement;
        }

        if (!double.TryParse(parts[1], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return GrblStatus.BadNumberFormat;
        }

        if (value < 0)
        {
            return GrblStatus.NegativeValue;
        }

        _values[number] = value;
        return 0;
    }
}
