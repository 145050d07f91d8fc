using System.Security.Cryptography;
using System.Text;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class HmacRecordHasherTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Hash_is_hmac_sha256_of_previous_hash_text_followed_by_canonical_encoding()
    {
        var previous = new string('7', 64);
        var canonical = CanonicalEncoding.Encode(SampleRecords.Full);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, (byte[])[.. Encoding.ASCII.GetBytes(previous), .. canonical]));

        Assert.Equal(expected, new HmacRecordHasher(Key).ComputeHash(previous, canonical));
    }

    [Fact]
    public void Keyed_hash_differs_from_the_plain_hash_and_from_another_keys_hash()
    {
        var other = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();
        var plain = RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full);
        var keyed = new HmacRecordHasher(Key).ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full);
        var otherKeyed = new HmacRecordHasher(other).ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full);

        Assert.NotEqual(plain, keyed);
        Assert.NotEqual(keyed, otherKeyed);
        Assert.True(RecordHasher.IsHashText(keyed));
    }

    [Fact]
    public void Key_shorter_than_32_bytes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new HmacRecordHasher(new byte[31]));

        Assert.Contains("at least 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_from_base64_with_surrounding_white_space_hashes_like_the_raw_key()
    {
        var fromText = HmacRecordHasher.FromBase64("  " + Convert.ToBase64String(Key) + "\n", "test");

        Assert.Equal(
            new HmacRecordHasher(Key).ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full),
            fromText.ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full));
    }

    [Fact]
    public void Key_text_that_is_not_base64_is_refused_naming_its_source()
    {
        var error = Assert.Throws<FormatException>(() => HmacRecordHasher.FromBase64("not base64!", "Records:HmacKey"));

        Assert.StartsWith("Records:HmacKey:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Previous_hash_that_is_not_64_lowercase_hex_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new HmacRecordHasher(Key).ComputeHash("abc", SampleRecords.Full));
    }
}
