using System.Net;
using Engraver.Service.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Engraver.Service.Api;

/// <summary>Refuses a request whose Host header is not one the API is served under (400 problem JSON): a web
/// page that rebinds its own DNS name to 127.0.0.1 reaches the loopback API under its name, not ours. The hosts
/// are AllowedHosts when set ("*" allows any), otherwise derived from Api:Urls: a loopback URL allows localhost,
/// 127.0.0.1 and [::1]; a wildcard address (0.0.0.0, *, +) allows any host, the keys guarding it.</summary>
public sealed class HostHeaderCheck
{
    public const string AllowedHostsKey = "AllowedHosts";

    private readonly StringSegment[] _allowed;

    public HostHeaderCheck(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _allowed = AllowedHosts(configuration).Select(h => new StringSegment(h)).ToArray();
    }

    public bool AllowsAny => _allowed.Any(h => h == "*");

    public bool Allows(HostString host) =>
        AllowsAny || (host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), _allowed));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Allows(context.Request.Host))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await Results.Problem(
            title: "Unknown host",
            detail: $"The Host header '{context.Request.Host}' is not one this API is served under ({string.Join(", ", _allowed)}); " +
                    $"set {AllowedHostsKey} to serve it under another name.",
            statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static IEnumerable<string> AllowedHosts(IConfiguration configuration)
    {
        var configured = configuration[AllowedHostsKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (configured.Length > 0)
        {
            return configured;
        }

        var urls = configuration[$"{ApiOptions.Section}:{nameof(ApiOptions.Urls)}"] ?? ApiOptions.DefaultUrls;
        var hosts = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            hosts.AddRange(HostsFor(url));
        }

        return hosts.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> HostsFor(string url)
    {
        var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
        {
            return [];
        }

        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)))
        {
            return ["localhost", "127.0.0.1", "[::1]", uri.Host];
        }

        return IPAddress.TryParse(host, out var any) && (any.Equals(IPAddress.Any) || any.Equals(IPAddress.IPv6Any))
            ? ["*"]
            : [uri.Host];
    }
}
