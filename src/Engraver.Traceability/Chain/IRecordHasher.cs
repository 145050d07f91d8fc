namespace Engraver.Traceability.Chain;

/// <summary>Links one canonical record to the hash before it. The plain SHA-256 chain is
/// <see cref="RecordHasher"/>; a keyed variant (HMAC with a station secret) would be another implementation.</summary>
public interface IRecordHasher
{
    /// <summary>The hash of the row: lowercase hex, 64 characters.</summary>
    string ComputeHash(string previousHash, ReadOnlySpan<byte> canonicalRecord);
}
