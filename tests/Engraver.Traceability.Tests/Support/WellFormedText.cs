using System.Buffers;
using System.Text.Unicode;

namespace Engraver.Traceability.Tests.Support;

internal static class WellFormedText
{
    /// <summary>False for strings with unpaired surrogates, which the canonical encoding refuses by design;
    /// random strings from property tests are filtered with it.</summary>
    public static bool Check(string text)
    {
        var buffer = new byte[text.Length * 3];
        return Utf8.FromUtf16(text, buffer, out _, out _, replaceInvalidSequences: false) == OperationStatus.Done;
    }
}
