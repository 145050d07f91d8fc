using Engraver.Service.Api;
using Xunit;

namespace Engraver.Service.Tests.Api;

public class ApiKeyHashTests
{
    [Fact]
    public void A_hash_matches_its_key_and_no_other()
    {
        var hash = ApiKeyHash.Create("the-right-key-123", iterations: 10_000);

        Assert.True(hash.Matches("the-right-key-123"));
        Assert.False(hash.Matches("the-right-key-124"));
    }

    [Fact]
    public void The_stored_form_parses_back_to_a_hash_that_still_matches()
    {
        var text = ApiKeyHash.Create("the-right-key-123", iterations: 10_000).ToString();

        Assert.StartsWith("pbkdf2-sha256$10000$", text, StringComparison.Ordinal);
        Assert.True(ApiKeyHash.TryParse(text, out var parsed, out _));
        Assert.True(parsed.Matches("the-right-key-123"));
    }

    [Fact]
    public void Two_hashes_of_one_key_differ_by_their_salt()
    {
        Assert.NotEqual(ApiKeyHash.Create("same-key-12345678", 10_000).ToString(), ApiKeyHash.Create("same-key-12345678", 10_000).ToString());
    }

    [Theory]
    [InlineData("the-key-in-clear", "must be pbkdf2-sha256$")]
    [InlineData("pbkdf2-sha256$12$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==", "at least 10000")]
    [InlineData("pbkdf2-sha256$10000$not base64$aGFzaA==", "not base64")]
    public void A_malformed_hash_is_refused_saying_what_is_wrong(string text, string expected)
    {
        Assert.False(ApiKeyHash.TryParse(text, out _, out var why));
        Assert.Contains(expected, why, StringComparison.Ordinal);
    }
}
