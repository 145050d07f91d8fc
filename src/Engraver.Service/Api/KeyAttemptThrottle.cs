using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Engraver.Service.Api;

/// <summary>Throttles guessing: per client address, requests carrying a key not yet known to belong to a user
/// (a wrong key, or a right one on its first use) are allowed <see cref="AttemptsPerWindow"/> per
/// <see cref="Window"/>; past that they get 429 with Retry-After before any key is derived. A key already known
/// to be a user's, and a request with no key, are never throttled, so a flood does not slow the panel.</summary>
public static class KeyAttemptThrottle
{
    public const int AttemptsPerWindow = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RejectAsync;
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var key = context.Request.Headers[ApiKeyAuthenticationHandler.Header].ToString();
        if (key.Length == 0 || context.RequestServices.GetRequiredService<ApiUserDirectory>().IsKnownUserKey(key))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = AttemptsPerWindow,
            Window = Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)Window.TotalSeconds;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            title: "Too many attempts with unknown keys",
            detail: string.Create(CultureInfo.InvariantCulture,
                $"This client sent more than {AttemptsPerWindow} requests with a key that matches no user within {Window.TotalSeconds:0} s; try again in {seconds} s."),
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
    }
}
