using System.Globalization;

namespace Engraver.Simulator.Grbl;

/// <summary>One letter-value pair of a G-code block.</summary>
internal readonly record struct GCodeWord(char Letter, double Value)
{
    /// <summary>Splits a cleaned line (upper case, no spaces or comments) into words; returns a GRBL
    /// status code other than 0 on failure, as gc_execute_line does.</summary>
    public static int TryParseLine(string line, out List<GCodeWord> words)
    {
        words = [];
        var i = 0;
        while (i < line.Length)
        {
            var letter = line[i];
            if (letter is < 'A' or > 'Z')
            {
                return GrblStatus.ExpectedCommandLetter;
            }

            i++;
            var start = i;
            while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] is '.' or '-' or '+'))
            {
                i++;
            }

            if (!double.TryParse(line.AsSpan(start, i - start), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return GrblStatus.BadNumberFormat;
            }

            words.Add(new GCodeWord(letter, value));
        }

        return 0;
    }
}
