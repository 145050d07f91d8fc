using System.Runtime.InteropServices;

namespace Engraver.Traceability.Chain;

/// <summary>A growable byte buffer, so encoding a record costs one copy at the end; verification reuses one
/// for a whole batch of rows.</summary>
internal sealed class ByteWriter(int capacity)
{
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Copies <paramref name="count"/> bytes from native memory (a database's own buffer).</summary>
    public void Append(IntPtr source, int count)
    {
        var start = Length;
        Reserve(count);
        if (count > 0)
        {
            Marshal.Copy(source, _buffer, start, count);
        }
    }

    /// <summary>The next <paramref name="count"/> bytes, counted as written; the caller fills them.</summary>
    public Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    /// <summary>Bytes written earlier, from <paramref name="start"/>.</summary>
    public ReadOnlySpan<byte> Written(int start, int count) => _buffer.AsSpan(start, count);

    /// <summary>Forgets everything written and keeps the buffer.</summary>
    public void Clear() => Length = 0;

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();
}
