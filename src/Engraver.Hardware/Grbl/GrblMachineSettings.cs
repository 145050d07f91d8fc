using System.Globalization;
using Engraver.Core.Geometry;
using Engraver.Core.Machine;

namespace Engraver.Hardware.Grbl;

/// <summary>The settings that place the machine in space, read from "$$" when the link comes up: max travel
/// ($130-$132), soft limits ($20), homing direction ($23) and pull-off ($27). GRBL and grblHAL both list
/// them, whatever the firmware profile requires, so the controller is the one source of the travel.</summary>
public sealed record GrblMachineSettings(MachineTravel Travel, int HomingDirectionMask, double HomingPullOffMm)
{
    private static readonly (int Setting, string Meaning)[] TravelSettings = [(130, "X max travel"), (131, "Y max travel"), (132, "Z max travel")];

    /// <summary>Steps per millimetre of X and Y ($100, $101); 0 when the controller does not list them.</summary>
    public double StepsPerMmX { get; init; }

    public double StepsPerMmY { get; init; }

    /// <summary>The slower of the X and Y max rates ($110, $111) in mm/min: GRBL cuts any feed above it to it.
    /// Null when the controller does not list them.</summary>
    public double? MaxRateMmPerMin { get; init; }

    /// <summary>Where the homing cycle leaves the machine (GRBL 1.1 limits_go_home, built without
    /// HOMING_FORCE_SET_ORIGIN): an axis homed towards its negative end ($23 bit set) stops at
    /// -max travel + pull-off, any other at -pull-off.</summary>
    public Point3 HomedPosition => new(Homed(Travel.X, 0), Homed(Travel.Y, 1), Homed(Travel.Z, 2));

    /// <summary>Reads the listing; a controller that does not list its max travel is refused, naming the setting.</summary>
    public static GrblMachineSettings Read(IEnumerable<GrblSetting> listing, string linkName)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var values = new Dictionary<int, double>();
        foreach (var setting in listing)
        {
            if (double.TryParse(setting.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[setting.Number] = value;
            }
        }

        var missing = TravelSettings.Where(s => !values.ContainsKey(s.Setting)).ToArray();
        if (missing.Length > 0)
        {
            var names = string.Join(", ", missing.Select(s => $"${s.Setting} ({s.Meaning})"));
            throw new GrblSettingsException(
                $"The controller on {linkName} does not list {names} in \"$$\": the station takes the machine's travel from the controller and cannot check a move without it.",
                missing.Select(s => new GrblSettingMismatch($"${s.Setting.ToString(CultureInfo.InvariantCulture)}", "a max travel in mm", null)).ToArray());
        }

        var travel = MachineTravel.FromMaxTravel(values[130], values[131], values[132], softLimitsEnabled: values.GetValueOrDefault(20) != 0);
        return new GrblMachineSettings(travel, (int)values.GetValueOrDefault(23), values.GetValueOrDefault(27, 1.0))
        {
            StepsPerMmX = values.GetValueOrDefault(100),
            StepsPerMmY = values.GetValueOrDefault(101),
            MaxRateMmPerMin = values.TryGetValue(110, out var x) && values.TryGetValue(111, out var y) ? Math.Min(x, y) : null,
        };
    }

    private double Homed(AxisTravel axis, int bit) =>
        (HomingDirectionMask & (1 << bit)) != 0 ? -axis.MaxTravelMm + HomingPullOffMm : -HomingPullOffMm;
}
