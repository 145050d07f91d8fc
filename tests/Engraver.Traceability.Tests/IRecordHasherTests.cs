using System.Text;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The byte form of a row hash (previous hash text and canonical record side by side), which
/// verification uses, against the text form that appends use.</summary>
public sealed class IRecordHasherTests
{
    private static readonly string Previous = new('7', 64);

    public static TheoryData<string> Hashers => ["plain", "keyed", "text only"];

    [Theory]
    [MemberData(nameof(Hashers))]
    public void Byte_form_gives_the_bytes_of_the_text_form(string name)
    {
        var hasher = Create(name);
        var canonical = CanonicalEncoding.Encode(SampleRecords.Full);
        var hash = new byte[IRecordHasher.HashLength];

        hasher.ComputeHash([.. Encoding.ASCII.GetBytes(Previous), .. canonical], hash);

        Assert.Equal(hasher.ComputeHash(Previous, canonical), Convert.ToHexStringLower(hash));
    }

    [Theory]
    [MemberData(nameof(Hashers))]
    public void Byte_form_refuses_a_previous_hash_that_is_not_lowercase_hex(string name)
    {
        var hasher = Create(name);
        var input = Encoding.ASCII.GetBytes(new string('A', 64) + "record");

        var error = Assert.Throws<ArgumentException>(() => hasher.ComputeHash(input, new byte[IRecordHasher.HashLength]));

        Assert.Contains("64 lowercase hex characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hashers))]
    public void Byte_form_refuses_input_shorter_than_a_previous_hash(string name)
    {
        var hasher = Create(name);

        Assert.Throws<ArgumentException>(() => hasher.ComputeHash(Encoding.ASCII.GetBytes(new string('0', 63)), new byte[IRecordHasher.HashLength]));
    }

    private static IRecordHasher Create(string name) => name switch
    {
        "plain" => RecordHasher.Instance,
        "keyed" => new HmacRecordHasher(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        _ => new TextOnlyHasher(),
    };
}
