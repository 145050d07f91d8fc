using System.Text;

namespace Engraver.Hardware.Grbl;

/// <summary>Cuts the received byte stream into lines. GRBL ends lines with "\r\n"; either byte ends a
/// line here and empty lines are dropped. Pure.</summary>
public sealed class GrblLineSplitter
{
    /// <summary>A longer run without a line ending is noise, not a reply; it is cut here.</summary>
    public const int MaxLineLength = 1024;

    private readonly StringBuilder _current = new();

    public IReadOnlyList<string> Push(ReadOnlySpan<byte> bytes)
    {
        List<string>? lines = null;
        foreach (var b in bytes)
        {
            if (b is (byte)'\r' or (byte)'\n' || _current.Length >= MaxLineLength)
            {
                if (_current.Length > 0)
                {
                    (lines ??= []).Add(_current.ToString());
                    _current.Clear();
                }

                if (b is (byte)'\r' or (byte)'\n')
                {
                    continue;
                }
            }

            _current.Append(b < 0x80 ? (char)b : '?');
        }

        return lines ?? (IReadOnlyList<string>)[];
    }
}
