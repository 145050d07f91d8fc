namespace Engraver.Service.Api;

/// <summary>Derives a presented key against a stored hash (PBKDF2, slow on purpose). A class of its own so the
/// directory's cache can be shown to spare derivations.</summary>
public class ApiKeyMatcher
{
    public virtual bool Matches(ApiKeyHash hash, string key)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.Matches(key);
    }
}
