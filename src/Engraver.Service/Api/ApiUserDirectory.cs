using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Engraver.Service.Options;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>A user the API knows: the id that goes into the records and the role.</summary>
public sealed record ApiUser(string Id, string Role);

/// <summary>Finds the user a presented key belongs to. PBKDF2 is slow on purpose, so the verdict on every key
/// seen (a user, or none) is remembered by the key's SHA-256, never in clear: a panel polling several times a
/// second, and a client repeating a wrong key, each cost one derivation per configured user, once.</summary>
public sealed class ApiUserDirectory(IOptions<ApiOptions> options, ApiKeyMatcher matcher)
{
    /// <summary>Verdicts kept; past this the cache starts again (random wrong keys must not grow it without end).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Verdict> _seen = new(StringComparer.Ordinal);

    public ApiUser? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fingerprint = Fingerprint(key);
        if (_seen.TryGetValue(fingerprint, out var known))
        {
            return known.User;
        }

        var verdict = new Verdict(Derive(key));
        if (_seen.Count >= Capacity)
        {
            _seen.Clear();
        }

        _seen[fingerprint] = verdict;
        return verdict.User;
    }

    /// <summary>True when <paramref name="key"/> was seen before and belongs to a user: such a request is never
    /// throttled. Costs one SHA-256, no derivation.</summary>
    public bool IsKnownUserKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _seen.TryGetValue(Fingerprint(key), out var known) && known.User is not null;
    }

    private ApiUser? Derive(string key)
    {
        foreach (var user in options.Value.Users)
        {
            if (ApiKeyHash.TryParse(user.KeyHash, out var hash, out _) && matcher.Matches(hash, key) && ApiRoles.TryParse(user.Role, out var role))
            {
                return new ApiUser(user.Id, role);
            }
        }

        return null;
    }

    private static string Fingerprint(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private sealed record Verdict(ApiUser? User);
}
