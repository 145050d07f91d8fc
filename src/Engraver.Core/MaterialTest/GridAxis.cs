using System.Globalization;

namespace Engraver.Core.MaterialTest;

/// <summary>One axis of a material test grid: evenly spaced values from a first to a last, written
/// <c>FIRST:LAST:COUNT</c> (<c>0.3:0.9:7</c> is 0.3, 0.4, ... 0.9). <see cref="Option"/> names where the text
/// came from, so a refusal names it.</summary>
public sealed record GridAxis(string Option, IReadOnlyList<double> Values)
{
    public const int MaxCount = 20;

    /// <summary>Reads <paramref name="text"/>; every value must lie in [<paramref name="min"/>, <paramref name="max"/>]
    /// (<paramref name="unit"/> words the bounds). Throws <see cref="GridAxisException"/> naming the option.</summary>
    public static GridAxis Parse(string option, string text, double min, double max, string unit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new GridAxisException(option, text, "is not FIRST:LAST:COUNT (for example 0.3:0.9:7)");
        }

        if (!TryNumber(parts[0], out var first) || !TryNumber(parts[1], out var last))
        {
            throw new GridAxisException(option, text, "FIRST and LAST must be numbers (a '.' for the decimal point)");
        }

        if (!int.TryParse(parts[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxCount)
        {
            throw new GridAxisException(option, text, $"COUNT must be a whole number from 1 to {MaxCount}");
        }

        if (first < min || first > max || last < min || last > max)
        {
            throw new GridAxisException(option, text, string.Create(CultureInfo.InvariantCulture, $"values must lie from {min} to {max} {unit}"));
        }

        if (last < first)
        {
            throw new GridAxisException(option, text, "LAST must not be below FIRST");
        }

        if (count == 1 && last != first)
        {
            throw new GridAxisException(option, text, "a COUNT of 1 needs FIRST equal to LAST");
        }

        if (count > 1 && last == first)
        {
            throw new GridAxisException(option, text, "FIRST equals LAST: give a COUNT of 1, or a range");
        }

        var values = Enumerable.Range(0, count)
            .Select(i => count == 1 ? first : Math.Round(first + ((last - first) * i / (count - 1)), 6))
            .ToArray();
        return new GridAxis(option, values);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public override string ToString() => Values.Count == 1
        ? Values[0].ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Values[0]}:{Values[^1]}:{Values.Count}");
}

/// <summary>A grid axis that cannot be read, naming the option, what was given and what is wrong.</summary>
public sealed class GridAxisException(string option, string text, string problem)
    : FormatException($"{option} \"{text}\": {problem}.")
{
    public string Option { get; } = option;
}
