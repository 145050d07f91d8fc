using System.Globalization;

namespace Engraver.Hardware.Grbl;

/// <summary>One required setting the controller does not hold.</summary>
public sealed record GrblSettingMismatch(string Setting, string Required, string? Actual)
{
    public string Describe() => Actual is null
        ? $"{Setting} ({GrblSettingsCheck.Meaning(Setting)}) is not reported by the controller; the profile requires {Required}"
        : $"{Setting} ({GrblSettingsCheck.Meaning(Setting)}) is {Actual}; the profile requires {Required}";
}

/// <summary>Compares the "$$" listing with a profile's required settings. Values compare as numbers, so
/// "1000" and "1000.000" agree. Pure.</summary>
public static class GrblSettingsCheck
{
    public static IReadOnlyList<GrblSettingMismatch> Compare(IReadOnlyDictionary<string, string> required, IEnumerable<GrblSetting> actual)
    {
        ArgumentNullException.ThrowIfNull(required);
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in actual)
        {
            held[$"${setting.Number.ToString(CultureInfo.InvariantCulture)}"] = setting.Value;
        }

        var mismatches = new List<GrblSettingMismatch>();
        foreach (var (setting, value) in required.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!held.TryGetValue(setting, out var actualValue))
            {
                mismatches.Add(new GrblSettingMismatch(setting, value, null));
            }
            else if (!SameValue(value, actualValue))
            {
                mismatches.Add(new GrblSettingMismatch(setting, value, actualValue));
            }
        }

        return mismatches;
    }

    /// <summary>What a setting means, for messages an operator reads.</summary>
    public static string Meaning(string setting) => setting switch
    {
        "$22" => "homing cycle enable",
        "$30" => "maximum spindle / laser power",
        "$31" => "minimum spindle / laser power",
        "$32" => "laser mode",
        "$20" => "soft limits enable",
        "$21" => "hard limits enable",
        _ => "controller setting",
    };

    private static bool SameValue(string required, string actual) =>
        decimal.TryParse(required, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
        && decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a == b
            : string.Equals(required.Trim(), actual.Trim(), StringComparison.Ordinal);
}
