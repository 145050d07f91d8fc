using System.Text;

namespace Engraver.Hardware.Grbl;

/// <summary>Cuts the received byte stream into lines. GRBL ends lines with "\r\n"; either byte ends a
/// line here and empty lines are dropped. GRBL only ever sends printable ASCII, so any other byte
/// (line noise, a framing error, invalid UTF-8) is discarded and counted, and a run longer than
/// <see cref="MaxLineLength"/> is discarded up to its line ending: neither can swallow the "ok" that
/// follows on its own line. Pure.</summary>
public sealed class GrblLineSplitter
{
    /// <summary>No GRBL reply comes near this; a longer run is noise, not a reply.</summary>
    public const int MaxLineLength = 1024;

    private readonly StringBuilder _current = new();
    private bool _discardingOverlong;

    /// <summary>Bytes dropped as noise since this splitter was made.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>Over-long runs dropped since this splitter was made.</summary>
    public int DiscardedLines { get; private set; }

    public IReadOnlyList<string> Push(ReadOnlySpan<byte> bytes)
    {
        List<string>? lines = null;
        foreach (var b in bytes)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (_current.Length > 0)
                {
                    (lines ??= []).Add(_current.ToString());
                    _current.Clear();
                }

                _discardingOverlong = false;
                continue;
            }

            if (b is < 0x20 or > 0x7e)
            {
                DiscardedBytes++;
                continue;
            }

            if (_discardingOverlong)
            {
                DiscardedBytes++;
                continue;
            }

            if (_current.Length >= MaxLineLength)
            {
                DiscardedBytes += _current.Length + 1;
                DiscardedLines++;
                _current.Clear();
                _discardingOverlong = true;
                continue;
            }

            _current.Append((char)b);
        }

        return lines ?? (IReadOnlyList<string>)[];
    }
}
