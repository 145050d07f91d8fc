using System.Text.RegularExpressions;

namespace Engraver.Traceability.Leases;

/// <summary>What a station id may be (as Station:Id): it names a lease file, so it is checked before use.</summary>
public static partial class StationIds
{
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    private static partial Regex Valid();

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> unless the id is 1-32
    /// letters, digits, '.', '_' or '-'.</summary>
    public static string Check(string station, string what)
    {
        if (station is null || !Valid().IsMatch(station))
        {
            throw new ArgumentException($"{what} '{station}' is not a station id: 1-32 letters, digits, '.', '_' or '-'.");
        }

        return station;
    }
}
