using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>SHA-256 over the previous row's hash (as its 64 lowercase hex characters, ASCII) followed by
/// the row's canonical encoding. Hashing the hex text rather than raw bytes lets an auditor reproduce a
/// row's hash with sha256sum and the stored texts alone.</summary>
public sealed class RecordHasher : IRecordHasher
{
    /// <summary>The previous hash of the first row of every chain.</summary>
    public static readonly string GenesisPreviousHash = new('0', IRecordHasher.HashTextLength);

    private static readonly SearchValues<char> HexCharacters = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<byte> HexBytes = SearchValues.Create("0123456789abcdef"u8);

    public static RecordHasher Instance { get; } = new();

    public string ComputeHash(string previousHash, ReadOnlySpan<byte> canonicalRecord)
    {
        if (!IsHashText(previousHash))
        {
            throw new ArgumentException($"Previous hash must be 64 lowercase hex characters, got '{previousHash}'.", nameof(previousHash));
        }

        // One buffer and a one-shot hash: verifying a chain hashes every record again.
        var length = previousHash.Length + canonicalRecord.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encoding.ASCII.GetBytes(previousHash, rented);
            canonicalRecord.CopyTo(rented.AsSpan(previousHash.Length));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void ComputeHash(ReadOnlySpan<byte> previousHashThenRecord, Span<byte> hash)
    {
        CheckPreviousHash(previousHashThenRecord);
        SHA256.HashData(previousHashThenRecord, hash);
    }

    /// <summary>True for 64 lowercase hex characters, the only form a hash is stored in.</summary>
    public static bool IsHashText(string? text) =>
        text is { Length: IRecordHasher.HashTextLength } && !text.AsSpan().ContainsAnyExcept(HexCharacters);

    /// <summary>Refuses input that does not start with a hash as 64 lowercase hex characters (ASCII).</summary>
    internal static void CheckPreviousHash(ReadOnlySpan<byte> previousHashThenRecord)
    {
        if (previousHashThenRecord.Length < IRecordHasher.HashTextLength
            || previousHashThenRecord[..IRecordHasher.HashTextLength].ContainsAnyExcept(HexBytes))
        {
            var shown = Encoding.UTF8.GetString(previousHashThenRecord[..Math.Min(IRecordHasher.HashTextLength, previousHashThenRecord.Length)]);
            throw new ArgumentException($"Previous hash must be 64 lowercase hex characters, got '{shown}'.", nameof(previousHashThenRecord));
        }
    }
}

public static class RecordHasherExtensions
{
    /// <summary>The hash a record gets when it follows <paramref name="previousHash"/>.</summary>
    public static string ComputeHash(this IRecordHasher hasher, string previousHash, PinRecord record)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return hasher.ComputeHash(previousHash, CanonicalEncoding.Encode(record));
    }
}
