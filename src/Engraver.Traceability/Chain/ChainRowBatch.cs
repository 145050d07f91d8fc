namespace Engraver.Traceability.Chain;

/// <summary>Stored rows as verification needs them, many to one buffer: for each row its stored previous
/// hash text, its canonical encoding right after it (so the bytes a row's hash covers lie side by side),
/// then its stored hash text. Filled by a store, checked by <see cref="ChainWalk"/>, then cleared and
/// filled again: a million-row chain is verified without a million sets of objects.</summary>
internal sealed class ChainRowBatch(int capacity)
{
    private readonly Row[] _rows = new Row[capacity];
    private int _rowStart;
    private int _recordStart;
    private int _hashStart;

    /// <summary>Where the store writes a row: previous hash, then <see cref="BeginRecord"/>, the canonical
    /// record, <see cref="BeginHash"/>, the hash, then <see cref="EndRow"/>.</summary>
    public ByteWriter Bytes { get; } = new(capacity * 1024);

    public int Count { get; private set; }

    public bool IsFull => Count == _rows.Length;

    public void BeginRow() => _rowStart = Bytes.Length;

    public void BeginRecord() => _recordStart = Bytes.Length;

    public void BeginHash() => _hashStart = Bytes.Length;

    /// <summary>Keeps the row written since <see cref="BeginRow"/>. <paramref name="encodingProblem"/> says
    /// why its record could not be encoded (its record bytes are then meaningless).</summary>
    public void EndRow(long sequence, string? encodingProblem = null) =>
        _rows[Count++] = new Row(sequence, _rowStart, _recordStart - _rowStart, _hashStart - _recordStart, Bytes.Length - _hashStart, encodingProblem);

    public void Clear()
    {
        Count = 0;
        Bytes.Clear();
    }

    public long Sequence(int row) => _rows[row].Sequence;

    public string? EncodingProblem(int row) => _rows[row].EncodingProblem;

    public ReadOnlySpan<byte> PreviousHash(int row) => Bytes.Written(_rows[row].Start, _rows[row].PreviousHashLength);

    /// <summary>The bytes the row's hash covers: its previous hash text followed by its canonical record.</summary>
    public ReadOnlySpan<byte> PreviousHashThenRecord(int row) =>
        Bytes.Written(_rows[row].Start, _rows[row].PreviousHashLength + _rows[row].RecordLength);

    public ReadOnlySpan<byte> Hash(int row)
    {
        ref readonly var r = ref _rows[row];
        return Bytes.Written(r.Start + r.PreviousHashLength + r.RecordLength, r.HashLength);
    }

    private readonly record struct Row(long Sequence, int Start, int PreviousHashLength, int RecordLength, int HashLength, string? EncodingProblem);
}
