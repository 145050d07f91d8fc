using Engraver.Service.Api;
using Engraver.Service.Options;
using Xunit;

namespace Engraver.Service.Tests.Api;

public class ApiUserDirectoryTests
{
    private const string AliceKey = "alice-key-0001";

    private sealed class CountingMatcher : ApiKeyMatcher
    {
        public int Derivations { get; private set; }

        public override bool Matches(ApiKeyHash hash, string key)
        {
            Derivations++;
            return base.Matches(hash, key);
        }
    }

    private static (ApiUserDirectory Directory, CountingMatcher Matcher) Directory()
    {
        var options = new ApiOptions
        {
            Users =
            [
                new() { Id = "alice", Role = "Operator", KeyHash = ApiKeyHash.Create(AliceKey, 10_000).ToString() },
                new() { Id = "sue", Role = "Supervisor", KeyHash = ApiKeyHash.Create("sue-key-0001", 10_000).ToString() },
                new() { Id = "quinn", Role = "QA", KeyHash = ApiKeyHash.Create("quinn-key-0001", 10_000).ToString() },
            ],
        };
        var matcher = new CountingMatcher();
        return (new ApiUserDirectory(Microsoft.Extensions.Options.Options.Create(options), matcher), matcher);
    }

    [Fact]
    public void A_repeated_wrong_key_is_derived_only_the_first_time()
    {
        var (directory, matcher) = Directory();

        Assert.Null(directory.Find("not-a-key"));
        var afterFirst = matcher.Derivations;
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(directory.Find("not-a-key"));
        }

        Assert.Equal(3, afterFirst);
        Assert.Equal(afterFirst, matcher.Derivations);
    }

    [Fact]
    public void A_users_key_is_found_and_derived_once_and_is_then_known()
    {
        var (directory, matcher) = Directory();

        Assert.False(directory.IsKnownUserKey(AliceKey));
        Assert.Equal(new ApiUser("alice", "Operator"), directory.Find(AliceKey));
        Assert.Equal(new ApiUser("alice", "Operator"), directory.Find(AliceKey));

        Assert.Equal(1, matcher.Derivations);
        Assert.True(directory.IsKnownUserKey(AliceKey));
        Assert.False(directory.IsKnownUserKey("not-a-key"));
    }

    [Fact]
    public void A_wrong_key_once_seen_is_not_known_as_a_users_key()
    {
        var (directory, _) = Directory();

        directory.Find("not-a-key");

        Assert.False(directory.IsKnownUserKey("not-a-key"));
    }
}
