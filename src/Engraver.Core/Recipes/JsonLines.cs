namespace Engraver.Core.Recipes;

/// <summary>Maps a byte offset of a JSON text to its 1-based line (the reader only gives offsets).</summary>
internal sealed class JsonLines
{
    private readonly List<long> _lineStarts = [0];

    public JsonLines(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public int At(long offset)
    {
        var found = _lineStarts.BinarySearch(offset);
        return (found >= 0 ? found : ~found - 1) + 1;
    }
}
