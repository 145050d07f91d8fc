using System.Globalization;
using System.Text;

namespace Engraver.Traceability.Audit;

/// <summary>Makes record text safe to print on a terminal: control characters (escape sequences, carriage
/// returns, bells, the C1 range, bidirectional overrides) are written as \uXXXX, so a record cannot move the
/// cursor, recolour or hide the lines around it. Backslashes are doubled so the escape stays unambiguous.
/// Applied when printing, so records written before it print safely too.</summary>
public static class TerminalText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !NeedsEscape(text))
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c == '\\')
            {
                escaped.Append(@"\\");
            }
            else if (IsUnsafe(c))
            {
                escaped.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(string text)
    {
        foreach (var c in text)
        {
            if (c == '\\' || IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
}
