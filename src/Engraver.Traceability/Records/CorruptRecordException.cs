namespace Engraver.Traceability.Records;

/// <summary>A stored row that cannot be read back as a pin record (a value of the wrong form, an unknown
/// outcome). Raised instead of returning a guessed record; chain verification reports it as the broken row.</summary>
public sealed class CorruptRecordException(long sequence, string detail)
    : Exception($"Record {sequence} cannot be read: {detail}")
{
    public long Sequence { get; } = sequence;

    public string Detail { get; } = detail;
}
