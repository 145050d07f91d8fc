using Engraver.Service.Hosting;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Options;

/// <summary>The top-level configuration the service reads. Validated at start like every section: a section
/// or key nobody reads (a typo such as Record for Records) would otherwise leave a setting silently unset.</summary>
public sealed class KnownConfigurationSections
{
    /// <summary>The service's own sections.</summary>
    public static readonly IReadOnlyList<string> Service =
    [
        StationOptions.Section, ControllerOptions.Section, CameraOptions.Section, FixtureOptions.Section,
        RecordStoreOptions.SectionName, StationIoOptions.Section, ApiOptions.Section, SimulatorTwinOptions.Section,
    ];

    /// <summary>Sections the service read once and no longer does, and where their settings went: a configuration
    /// still naming one is refused with this, not with a guess at a typo.</summary>
    public static readonly IReadOnlyDictionary<string, string> Retired = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Recipe"] = "The configuration section 'Recipe' is no longer read: recipes now live in the recipes folder, one JSON file each " +
            "(Station:RecipesFolder, default recipes/ in the data folder; see README, \"Recipes\"). Put its values in that folder's default.json and remove the section.",
    };

    /// <summary>What the framework reads: logging, the web server, host filtering and the host's own settings.</summary>
    public static readonly IReadOnlyList<string> Framework =
    [
        "Serilog", "Kestrel", "Logging", "AllowedHosts", "urls", "http_ports", "https_ports", "https_port",
        "environment", "applicationName", "contentRoot", "webroot", "detailedErrors", "captureStartupErrors",
        "shutdownTimeoutSeconds", "suppressStatusMessages", "hostingStartupAssemblies",
        "hostingStartupExcludeAssemblies", "preventHostingStartup", "startupAssembly", "hostBuilder",
        "PreferHostingUrls",
    ];
}

/// <summary>Refuses a top-level section or key that is neither the service's nor the framework's, naming it and
/// the known section it is closest to. Environment variables hold much that is not configuration (PATH, HOME),
/// so from them only sections (NAME__KEY) count.</summary>
public sealed class KnownConfigurationSectionsValidator(IConfiguration configuration) : IValidateOptions<KnownConfigurationSections>
{
    private static readonly string[] EnvironmentPrefixes = [EngraverHost.EnvironmentPrefix, "ASPNETCORE_", "DOTNET_"];

    public ValidateOptionsResult Validate(string? name, KnownConfigurationSections options)
    {
        var known = KnownConfigurationSections.Service.Concat(KnownConfigurationSections.Framework).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = TopLevelKeys(configuration).Where(k => !known.Contains(k)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(unknown.Select(Refusal));
    }

    private static string Refusal(string key)
    {
        if (KnownConfigurationSections.Retired.TryGetValue(key, out var moved))
        {
            return moved;
        }

        var closest = KnownConfigurationSections.Service
            .Select(s => (Section: s, Distance: EditDistance.Between(key.ToUpperInvariant(), s.ToUpperInvariant())))
            .MinBy(s => s.Distance);
        var hint = closest.Distance <= 2 ? $" Did you mean {closest.Section}?" : "";
        return $"The configuration section '{key}' is not one the service reads ({string.Join(", ", KnownConfigurationSections.Service)}, " +
               $"or the framework's {string.Join(", ", KnownConfigurationSections.Framework.Take(5))}).{hint}";
    }

    private static IEnumerable<string> TopLevelKeys(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            foreach (var child in configuration.GetChildren())
            {
                yield return child.Key;
            }

            yield break;
        }

        foreach (var provider in root.Providers)
        {
            var fromEnvironment = provider is EnvironmentVariablesConfigurationProvider;
            foreach (var key in provider.GetChildKeys([], parentPath: null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!fromEnvironment || (IsSection(provider, key) && !IsPrefixed(key)))
                {
                    yield return key;
                }
            }
        }
    }

    private static bool IsSection(IConfigurationProvider provider, string key) => provider.GetChildKeys([], key).Any();

    /// <summary>A variable read under a prefix (ENGRAVER_, ASPNETCORE_, DOTNET_) is checked where it is read without it.</summary>
    private static bool IsPrefixed(string key) =>
        EnvironmentPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Levenshtein distance, for suggesting the section a typo meant.</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
