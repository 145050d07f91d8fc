using Engraver.Traceability.Chain;

namespace Engraver.Traceability.Tests.Support;

/// <summary>A hasher that gives only the text form, as one written before the byte form existed would.</summary>
internal sealed class TextOnlyHasher : IRecordHasher
{
    public string ComputeHash(string previousHash, ReadOnlySpan<byte> canonicalRecord) =>
        RecordHasher.Instance.ComputeHash(previousHash, canonicalRecord);
}
