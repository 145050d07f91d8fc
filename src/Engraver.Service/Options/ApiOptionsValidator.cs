using System.Net;
using Engraver.Core.Input;
using Engraver.Service.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Options;

/// <summary>Checks the Api section at start: URLs that parse, users with an id that follows the input rules, a known role and a key hash
/// of the right form, and no address beyond loopback without users (keys are never optional). The rule holds for
/// every address Kestrel will listen on: Api:Urls, and the Kestrel:Endpoints of <paramref name="configuration"/>,
/// which take precedence over it.</summary>
public sealed class ApiOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var urls = options.UrlList;
        if (urls.Count == 0)
        {
            failures.Add($"{ApiOptions.Section}:Urls is empty; give at least one URL such as {ApiOptions.DefaultUrls}.");
        }

        var exposed = new List<string>();
        foreach (var url in urls)
        {
            if (!TryHost(url, out var host))
            {
                failures.Add($"{ApiOptions.Section}:Urls has '{url}', which is not an http:// or https:// URL with a host and port.");
            }
            else if (!IsLoopback(host))
            {
                exposed.Add($"{ApiOptions.Section}:Urls binds {url}");
            }
        }

        foreach (var (key, url) in OtherListenUrls(options))
        {
            if (!TryHost(url, out var host))
            {
                failures.Add($"{key} has '{url}', which is not an http:// or https:// URL with a host and port.");
            }
            else if (!IsLoopback(host))
            {
                exposed.Add($"{key} binds {url}");
            }
        }

        if (exposed.Count > 0 && options.Users.Count == 0)
        {
            failures.Add(
                $"{string.Join(", ", exposed)} beyond this computer, but {ApiOptions.Section}:Users is empty: " +
                "configure users with key hashes (engraver api hash-key --new FILE) or bind to 127.0.0.1.");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var key = $"{ApiOptions.Section}:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Id))
            {
                failures.Add($"{key}:Id is empty.");
            }
            else if (FreeText.Problem(user.Id, TextField.User()) is { } problem)
            {
                // The id is written as the user of every command and pin record the user gives: the input rules apply.
                failures.Add($"{key}:Id {problem}.");
            }
            else if (!ids.Add(user.Id))
            {
                failures.Add($"{key}:Id '{user.Id}' is given to more than one user.");
            }

            if (!ApiRoles.TryParse(user.Role, out _))
            {
                failures.Add($"{key}:Role '{user.Role}' is not a role; use {string.Join(", ", ApiRoles.All)}.");
            }

            if (!ApiKeyHash.TryParse(user.KeyHash, out _, out var why))
            {
                failures.Add($"{key}:KeyHash {why}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The addresses Kestrel listens on besides Api:Urls: its own Endpoints section (which wins over
    /// Api:Urls when present), and the urls setting should it differ from Api:Urls.</summary>
    private IEnumerable<(string Key, string Url)> OtherListenUrls(ApiOptions options)
    {
        if (configuration is null)
        {
            yield break;
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url)
            {
                yield return ($"Kestrel:Endpoints:{endpoint.Key}:Url", url);
            }
        }

        var urls = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        foreach (var url in urls.Except(options.UrlList, StringComparer.OrdinalIgnoreCase))
        {
            yield return ("urls", url);
        }
    }

    private static bool TryHost(string url, out string host)
    {
        host = "";
        // Kestrel's wildcards are not URI hosts: they bind every address.
        var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        host = uri.Host;
        return true;
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
