using System.Text;

namespace Engraver.Traceability.Chain;

/// <summary>Links one canonical record to the hash before it. The plain SHA-256 chain is
/// <see cref="RecordHasher"/>; a keyed variant (HMAC with a station secret) would be another implementation.</summary>
public interface IRecordHasher
{
    /// <summary>The length of a hash as text: 64 lowercase hex characters.</summary>
    const int HashTextLength = 64;

    /// <summary>The length of a hash as bytes.</summary>
    const int HashLength = 32;

    /// <summary>The id of the key of a keyed chain (see <see cref="ChainKeying.KeyIdOf"/>); null for the plain chain.</summary>
    string? KeyId => null;

    /// <summary>The hash of the row: lowercase hex, 64 characters.</summary>
    string ComputeHash(string previousHash, ReadOnlySpan<byte> canonicalRecord);

    /// <summary>The same hash as <see cref="ComputeHash(string, ReadOnlySpan{byte})"/>, as its 32 bytes, from
    /// the previous hash's 64 ASCII characters immediately followed by the canonical record: verification has
    /// both side by side already, and needs neither strings nor a copy.</summary>
    void ComputeHash(ReadOnlySpan<byte> previousHashThenRecord, Span<byte> hash)
    {
        if (previousHashThenRecord.Length < HashTextLength)
        {
            throw new ArgumentException($"Previous hash must be {HashTextLength} lowercase hex characters; the input has only {previousHashThenRecord.Length} bytes.", nameof(previousHashThenRecord));
        }

        var text = ComputeHash(Encoding.ASCII.GetString(previousHashThenRecord[..HashTextLength]), previousHashThenRecord[HashTextLength..]);
        Convert.FromHexString(text, hash, out _, out _);
    }
}
