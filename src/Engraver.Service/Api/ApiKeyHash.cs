using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Engraver.Service.Api;

/// <summary>An API key as stored: PBKDF2 with SHA-256, written
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;saltB64&gt;$&lt;hashB64&gt;</c>. The key itself is never stored.</summary>
public sealed record ApiKeyHash(int Iterations, byte[] Salt, byte[] Hash)
{
    public const string Prefix = "pbkdf2-sha256";
    public const int DefaultIterations = 100_000;
    private const int MinimumIterations = 10_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Hashes a new key with a fresh random salt.</summary>
    public static ApiKeyHash Create(string key, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new ApiKeyHash(iterations, salt, Derive(key, salt, iterations, HashBytes));
    }

    /// <summary>Parses the stored form; <paramref name="why"/> says what is wrong when it does not parse.</summary>
    public static bool TryParse(string? text, out ApiKeyHash hash, out string why)
    {
        hash = new ApiKeyHash(0, [], []);
        var parts = (text ?? "").Split('$');
        if (parts.Length != 4 || parts[0] != Prefix)
        {
            why = $"must be {Prefix}$<iterations>$<saltB64>$<hashB64> (make one with: engraver api hash-key --new FILE, or --key-file FILE for a key you have).";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < MinimumIterations)
        {
            why = $"has iterations '{parts[1]}'; at least {MinimumIterations} are needed.";
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var stored = Convert.FromBase64String(parts[3]);
            if (salt.Length < 8 || stored.Length < 16)
            {
                why = "has a salt or hash too short to be one this program wrote.";
                return false;
            }

            hash = new ApiKeyHash(iterations, salt, stored);
            why = "";
            return true;
        }
        catch (FormatException)
        {
            why = "has a salt or hash that is not base64.";
            return false;
        }
    }

    /// <summary>True when <paramref name="key"/> is the key this hash was made from (compared in constant time).</summary>
    public bool Matches(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CryptographicOperations.FixedTimeEquals(Derive(key, Salt, Iterations, Hash.Length), Hash);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}${Iterations}${Convert.ToBase64String(Salt)}${Convert.ToBase64String(Hash)}");

    private static byte[] Derive(string key, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, iterations, HashAlgorithmName.SHA256, length);
}
