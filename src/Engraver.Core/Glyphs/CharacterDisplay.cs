using System.Globalization;
using System.Text;

namespace Engraver.Core.Glyphs;

/// <summary>Shows a character in a message without letting it act: printable ASCII is quoted,
/// anything else (control characters, spaces, accents, emoji) is shown as its code point.</summary>
public static class CharacterDisplay
{
    public static string Describe(char c) => Describe(Rune.IsValid(c) ? new Rune(c) : Rune.ReplacementChar, c);

    public static string Describe(Rune rune) => Describe(rune, rune.IsBmp ? (char)rune.Value : '\0');

    private static string Describe(Rune rune, char original)
    {
        if (char.IsSurrogate(original))
        {
            return string.Create(CultureInfo.InvariantCulture, $"U+{(int)original:X4} (lone surrogate)");
        }

        return rune.Value is > 0x20 and < 0x7F
            ? $"'{(char)rune.Value}'"
            : string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
    }
}
