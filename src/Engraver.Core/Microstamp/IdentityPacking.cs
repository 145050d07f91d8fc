using System.Numerics;
using Engraver.Core.Identity;

namespace Engraver.Core.Microstamp;

/// <summary>Packs make, model and serial into a fixed number of bytes: the text
/// "make|model|serial" over 38 symbols (A-Z, 0-9, '-' and the separator) read as a bijective
/// base-38 numeral, big-endian. Bijective digits (1..38) keep the length in the number, so no length
/// fields are needed: about 5.25 bits per character.</summary>
internal static class IdentityPacking
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    private const int Separator = 38;
    private const int Base = 38;

    /// <exception cref="ArgumentException">A character outside the alphabet, an empty field, or too many characters.</exception>
    public static byte[] Pack(MicrostampIdentity identity, int byteCount, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var total = identity.Make.Length + identity.Model.Length + identity.Serial.Length;
        if (total > maxCharacters)
        {
            throw new ArgumentException($"The identity '{identity}' has {total} characters; the gear code holds at most {maxCharacters} (make, model and serial together).", nameof(identity));
        }

        var value = BigInteger.Zero;
        foreach (var digit in Digits(identity))
        {
            value = (value * Base) + digit;
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > byteCount)
        {
            throw new ArgumentException($"The identity '{identity}' needs {bytes.Length} bytes; the gear code has {byteCount}.", nameof(identity));
        }

        var packed = new byte[byteCount];
        bytes.CopyTo(packed, byteCount - bytes.Length);
        return packed;
    }

    /// <summary>The identity, or null with a reason when the bytes are not a packed identity.</summary>
    public static MicrostampIdentity? TryUnpack(ReadOnlySpan<byte> packed, int maxCharacters, out string reason)
    {
        var value = new BigInteger(packed, isUnsigned: true, isBigEndian: true);
        var symbols = new List<int>();
        while (value > 0)
        {
            var digit = (int)(value % Base);
            if (digit == 0)
            {
                digit = Base;
            }

            symbols.Add(digit);
            value = (value - digit) / Base;
            if (symbols.Count > maxCharacters + 2)
            {
                reason = $"the payload spells more than {maxCharacters} characters";
                return null;
            }
        }

        symbols.Reverse();
        var fields = new List<string> { string.Empty };
        foreach (var symbol in symbols)
        {
            if (symbol == Separator)
            {
                fields.Add(string.Empty);
            }
            else
            {
                fields[^1] += Alphabet[symbol - 1];
            }
        }

        if (fields.Count != 3 || fields.Any(f => f.Length == 0))
        {
            reason = "the payload does not spell three non-empty fields";
            return null;
        }

        reason = string.Empty;
        return new MicrostampIdentity(fields[0], fields[1], fields[2]);
    }

    private static IEnumerable<int> Digits(MicrostampIdentity identity)
    {
        string[] fields = [identity.Make, identity.Model, identity.Serial];
        for (var f = 0; f < fields.Length; f++)
        {
            if (fields[f].Length == 0)
            {
                throw new ArgumentException($"The identity '{identity}' has an empty {(IdentityField)f}.", nameof(identity));
            }

            if (f > 0)
            {
                yield return Separator;
            }

            for (var i = 0; i < fields[f].Length; i++)
            {
                var index = Alphabet.IndexOf(fields[f][i], StringComparison.Ordinal);
                if (index < 0)
                {
                    throw new ArgumentException($"The {(IdentityField)f} of '{identity}' has a character at position {i + 1} that the gear code cannot carry; it carries A-Z, 0-9 and '-'.", nameof(identity));
                }

                yield return index + 1;
            }
        }
    }
}
