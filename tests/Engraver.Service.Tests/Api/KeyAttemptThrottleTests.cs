using System.Net;
using System.Text.Json;
using Engraver.Service.Api;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>A client sending wrong keys is throttled before any key is derived; users whose keys are known are not.</summary>
public class KeyAttemptThrottleTests
{
    [Fact]
    public async Task A_flood_of_wrong_keys_from_one_client_gets_429_with_retry_after_while_a_known_user_is_still_served()
    {
        await using var service = await ApiServiceFixture.Unstarted().StartedAsync();
        using var alice = service.Client(ApiServiceFixture.OperatorKey);
        using (var first = await alice.GetAsync("/api/whoami"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var attacker = service.Client("wrong-key-0000");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < KeyAttemptThrottle.AttemptsPerWindow * 3; i++)
        {
            var response = await attacker.GetAsync("/api/status");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && throttled is null)
            {
                throttled = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.NotNull(throttled);
        using (throttled)
        {
            Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {throttled.Headers.RetryAfter}");
            var problem = JsonSerializer.Deserialize<JsonElement>(await throttled.Content.ReadAsStringAsync());
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }

        // Alice's first use of her key counted as an attempt too: until then it was a key nobody had seen.
        Assert.Equal(KeyAttemptThrottle.AttemptsPerWindow - 1, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        using var stillServed = await alice.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
    }
}
