using System.Security.Cryptography;
using System.Text;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class RecordHasherTests
{
    // Pinned (computed outside .NET: SHA-256 of 64 zeros followed by the documented text of SampleRecords.Full):
    // if this changes, every chain already written stops verifying. Change the format version instead.
    private const string FullRecordAfterGenesisHash = "a4cb8e3f3c946c63d7f58c5c97f32b2ddc8e83f5bcbe2c0f11d0c6b4e06fa8e2";

    [Fact]
    public void Genesis_previous_hash_is_64_zeros()
    {
        Assert.Equal(new string('0', 64), RecordHasher.GenesisPreviousHash);
    }

    [Fact]
    public void Fixed_record_after_genesis_has_the_pinned_hash()
    {
        var hash = RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full);

        Assert.Equal(FullRecordAfterGenesisHash, hash);
    }

    [Fact]
    public void Hash_is_sha256_of_previous_hash_text_followed_by_canonical_encoding()
    {
        var previous = new string('7', 64);
        var canonical = CanonicalEncoding.Encode(SampleRecords.Full);
        var expected = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.ASCII.GetBytes(previous), .. canonical]));

        Assert.Equal(expected, RecordHasher.Instance.ComputeHash(previous, canonical));
    }

    [Fact]
    public void Same_record_after_a_different_previous_hash_hashes_differently()
    {
        var afterGenesis = RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, SampleRecords.Full);
        var afterOther = RecordHasher.Instance.ComputeHash(new string('f', 64), SampleRecords.Full);

        Assert.NotEqual(afterGenesis, afterOther);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Previous_hash_that_is_not_64_lowercase_hex_is_refused(string previous)
    {
        var error = Assert.Throws<ArgumentException>(() => RecordHasher.Instance.ComputeHash(previous, SampleRecords.Full));

        Assert.Contains("64 lowercase hex", error.Message, StringComparison.Ordinal);
    }
}
