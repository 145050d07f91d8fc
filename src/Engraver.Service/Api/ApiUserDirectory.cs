using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Engraver.Service.Options;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>A user the API knows: the id that goes into the records and the role.</summary>
public sealed record ApiUser(string Id, string Role);

/// <summary>Finds the user a presented key belongs to. PBKDF2 is slow on purpose; a key once matched is
/// remembered by its SHA-256 (never in clear), so a panel polling several times a second costs one derivation.</summary>
public sealed class ApiUserDirectory(IOptions<ApiOptions> options)
{
    private readonly ConcurrentDictionary<string, ApiUser> _matched = new(StringComparer.Ordinal);

    public ApiUser? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (_matched.TryGetValue(fingerprint, out var known))
        {
            return known;
        }

        foreach (var user in options.Value.Users)
        {
            if (ApiKeyHash.TryParse(user.KeyHash, out var hash, out _) && hash.Matches(key) && ApiRoles.TryParse(user.Role, out var role))
            {
                return _matched[fingerprint] = new ApiUser(user.Id, role);
            }
        }

        return null;
    }
}
