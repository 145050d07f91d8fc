namespace Engraver.Service.Options;

/// <summary>The local API: where it listens and who may use it. Keys are stored only as hashes
/// (<c>engraver api hash-key --key-file FILE</c> prints one).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>One or more URLs separated by ';'. Loopback by default; any other address needs users.</summary>
    public string Urls { get; set; } = DefaultUrls;

    public List<ApiUserOptions> Users { get; set; } = [];

    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One user of the API: an id for the records, a role, and the hash of the user's key.</summary>
public sealed class ApiUserOptions
{
    public string Id { get; set; } = "";

    /// <summary>Operator, Supervisor or QA.</summary>
    public string Role { get; set; } = "";

    /// <summary>pbkdf2-sha256$&lt;iterations&gt;$&lt;saltB64&gt;$&lt;hashB64&gt;.</summary>
    public string KeyHash { get; set; } = "";
}
