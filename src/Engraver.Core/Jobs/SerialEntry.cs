using System.Globalization;

namespace Engraver.Core.Jobs;

/// <summary>One entry of a job's serial list: a single serial, or an inclusive range such as
/// <c>A000100-A000999</c> (a common prefix, then numbers of the same width; the end not before the start).</summary>
/// <remarks>A '-' splits an entry into a range when the text on both sides ends in a digit; other dashes
/// belong to the serial (SN-0001 is one serial, SN-0001-SN-0099 a range). An entry written with a leading
/// '=' is always one serial, for serials such as =2024-0001 that would otherwise read as a range.</remarks>
internal sealed record SerialEntry(string First, string Last, long Count)
{
    private readonly string _prefix = "";
    private readonly long _start;
    private readonly int _width;

    private SerialEntry(string prefix, long start, long end, int width)
        : this(Format(prefix, start, width), Format(prefix, end, width), end - start + 1)
    {
        _prefix = prefix;
        _start = start;
        _width = width;
    }

    public bool IsRange => Count > 1 || _width > 0;

    public IEnumerable<string> Serials()
    {
        if (!IsRange)
        {
            yield return First;
            yield break;
        }

        for (var i = 0L; i < Count; i++)
        {
            yield return Format(_prefix, _start + i, _width);
        }
    }

    /// <summary>Reads one entry; returns null and a problem for a range that is not well formed.</summary>
    public static SerialEntry? Parse(string text, out string? problem)
    {
        problem = null;
        if (text.StartsWith('='))
        {
            return new SerialEntry(text[1..], text[1..], 1);
        }

        if (text.StartsWith('-') || text.EndsWith('-'))
        {
            problem = $"'{text}' is a range with no {(text.StartsWith('-') ? "start" : "end")}";
            return null;
        }

        var splits = Enumerable.Range(1, Math.Max(0, text.Length - 2))
            .Where(i => text[i] == '-' && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[^1]))
            .ToList();
        if (splits.Count == 0)
        {
            return new SerialEntry(text, text, 1);
        }

        if (splits.Count > 1)
        {
            problem = $"'{text}' has more than one '-' that could split it into a range; write one range per entry, or '={text}' for one serial";
            return null;
        }

        return ParseRange(text, text[..splits[0]], text[(splits[0] + 1)..], out problem);
    }

    private static SerialEntry? ParseRange(string text, string first, string last, out string? problem)
    {
        var (firstPrefix, firstDigits) = SplitNumber(first);
        var (lastPrefix, lastDigits) = SplitNumber(last);
        problem = null;
        if (!string.Equals(firstPrefix, lastPrefix, StringComparison.Ordinal))
        {
            problem = $"range '{text}': the ends differ before their numbers ('{firstPrefix}' and '{lastPrefix}')";
        }
        else if (firstDigits.Length != lastDigits.Length)
        {
            problem = $"range '{text}': the numbers have different widths ({firstDigits.Length} and {lastDigits.Length} digits); write both with the same number of digits";
        }
        else if (firstDigits.Length > 18)
        {
            problem = $"range '{text}': numbers longer than 18 digits are not supported";
        }
        else
        {
            var start = long.Parse(firstDigits, CultureInfo.InvariantCulture);
            var end = long.Parse(lastDigits, CultureInfo.InvariantCulture);
            if (end < start)
            {
                problem = $"range '{text}' is empty: it runs backwards from {first} down to {last}";
            }
            else
            {
                return new SerialEntry(firstPrefix, start, end, firstDigits.Length);
            }
        }

        return null;
    }

    private static (string Prefix, string Digits) SplitNumber(string text)
    {
        var digitsStart = text.Length;
        while (digitsStart > 0 && char.IsAsciiDigit(text[digitsStart - 1]))
        {
            digitsStart--;
        }

        return (text[..digitsStart], text[digitsStart..]);
    }

    private static string Format(string prefix, long number, int width) =>
        prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
