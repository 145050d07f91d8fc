using System.Text;

namespace Engraver.Core.Input;

/// <summary>The one check every free-text field passes at the door (job files, API bodies and routes, the
/// command line): printable text only, within the field's length. Refused: every control character (C0 with
/// NUL, BEL and ESC; DEL; C1), a tab or line break in a single-line field, the invisible characters that
/// reorder text on screen (bidirectional overrides and isolates), and a UTF-16 surrogate without its pair
/// (text that is not Unicode). The record stores accept everything this accepts.</summary>
public static class FreeText
{
    /// <summary>Null when <paramref name="text"/> may be stored in <paramref name="field"/>; otherwise what is
    /// wrong and where (the 1-based character position), to follow the field's name: "holds the ESC character
    /// U+001B at character 5; ...".</summary>
    public static string? Problem(string? text, TextField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (text is null || string.IsNullOrWhiteSpace(text))
        {
            return "is empty";
        }

        if (text.Length > field.MaxLength)
        {
            return $"is {text.Length} characters long; at most {field.MaxLength} are allowed";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"holds a lone UTF-16 surrogate U+{(int)c:X4} at character {i + 1}; it is not Unicode text";
            }

            if (field.MultiLine && c is '\t' or '\n')
            {
                continue;
            }

            if (Refused(c) is { } what)
            {
                return $"holds {what} U+{(int)c:X4} at character {i + 1}; only printable text is allowed"
                    + (field.MultiLine ? " (tabs and line feeds too)" : " on one line");
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Problem"/>'s message; returns the text.</summary>
    public static string Require(string? text, TextField field) =>
        Problem(text, field) is { } problem ? throw new ArgumentException($"{field.Name} {problem}", field.Name) : text!;

    /// <summary>The text for an error message, with every character <see cref="Problem"/> would refuse shown as
    /// \uXXXX and cut to <paramref name="max"/> characters: refused input is never echoed raw.</summary>
    public static string Quote(string text, int max = 80)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            _ = char.IsSurrogate(c) || Refused(c) is not null ? shown.Append($"\\u{(int)c:X4}") : shown.Append(c);
        }

        return text.Length > max ? shown.Append("...").ToString() : shown.ToString();
    }

    /// <summary>Decodes <paramref name="bytes"/> as strict UTF-8 (a byte order mark is skipped); on invalid
    /// bytes returns null with the byte offset of the first one.</summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes, out long invalidAt)
    {
        invalidAt = -1;
        var start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        var body = bytes[start..];
        var offset = 0;
        while (offset < body.Length)
        {
            var status = Rune.DecodeFromUtf8(body[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                invalidAt = start + offset;
                return null;
            }

            offset += consumed;
        }

        return Encoding.UTF8.GetString(body);
    }

    private static string? Refused(char c) => c switch
    {
        '\0' => "the NUL character",
        '\a' => "the BEL character",
        '\u001B' => "the ESC character",
        '\t' => "a tab",
        '\n' or '\r' or '\u2028' or '\u2029' or '\u0085' => "a line break",
        '\u007F' => "the DEL character",
        _ when char.IsControl(c) => "the control character",
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' => "the bidirectional control",
        _ => null,
    };
}
