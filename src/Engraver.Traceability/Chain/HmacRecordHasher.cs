using System.Security.Cryptography;
using System.Text;

namespace Engraver.Traceability.Chain;

/// <summary>The keyed chain: HMAC-SHA256 with a secret key over the same bytes <see cref="RecordHasher"/>
/// hashes (the previous hash as hex text, then the canonical record). Anyone with database access can
/// rewrite a plain SHA-256 chain end to end and make it verify again; without the key they cannot
/// compute a single valid row, so the key anchors the chain. Verifying needs the same key.</summary>
public sealed class HmacRecordHasher : IRecordHasher
{
    /// <summary>Shorter keys are refused: HMAC-SHA256 is only as strong as its key.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public HmacRecordHasher(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"A record chain key must be at least {MinimumKeyBytes} bytes; this one has {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
        KeyId = ChainKeying.KeyIdOf(_key);
    }

    public string KeyId { get; }

    /// <summary>Reads a key written as base64 (for example from configuration or a key file); surrounding
    /// white space is ignored. Throws <see cref="FormatException"/> naming <paramref name="source"/> when the
    /// text is not base64 and <see cref="ArgumentException"/> when the key is too short.</summary>
    public static HmacRecordHasher FromBase64(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException e)
        {
            throw new FormatException($"{source}: the record chain key must be base64 (for example from `openssl rand -base64 32`).", e);
        }

        try
        {
            return new HmacRecordHasher(key);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{source}: {e.Message}", nameof(text), e);
        }
    }

    public string ComputeHash(string previousHash, ReadOnlySpan<byte> canonicalRecord)
    {
        if (!RecordHasher.IsHashText(previousHash))
        {
            throw new ArgumentException($"Previous hash must be 64 lowercase hex characters, got '{previousHash}'.", nameof(previousHash));
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(Encoding.ASCII.GetBytes(previousHash));
        hmac.AppendData(canonicalRecord);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    public void ComputeHash(ReadOnlySpan<byte> previousHashThenRecord, Span<byte> hash)
    {
        RecordHasher.CheckPreviousHash(previousHashThenRecord);
        HMACSHA256.HashData(_key, previousHashThenRecord, hash);
    }
}
