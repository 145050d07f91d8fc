namespace Engraver.Traceability.Chain;

/// <summary>A stored row as its canonical bytes (built by the store from what it keeps) with its place in
/// the chain: what verification needs, without reading it back into a record first.</summary>
public sealed record EncodedRow(long Sequence, string PreviousHash, string Hash, byte[] Canonical);
