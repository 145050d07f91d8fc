namespace Engraver.Traceability.Chain;

/// <summary>A growable byte buffer, so encoding a record costs one copy at the end.</summary>
internal sealed class ByteWriter(int capacity)
{
    private byte[] _buffer = new byte[capacity];
    private int _length;

    public void Append(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>The next <paramref name="count"/> bytes, counted as written; the caller fills them.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();
}
