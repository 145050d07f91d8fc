using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Hosting;

/// <summary>Where the station's data lives (records, evidence, keys, checkpoints, logs), resolved the same way by
/// the service and the command line: Station:DataFolder when configured, else <see cref="Default"/>; a relative
/// folder is under the current working directory, never under the program's folder, so a published or built
/// program never writes beside itself. An installation says where its folder is in its configuration
/// (deploy/install.sh writes ENGRAVER_Station__DataFolder=/var/lib/engraver into /etc/engraver/engraver.env).</summary>
public static class DataFolderLocation
{
    /// <summary>The configuration key naming the folder.</summary>
    public const string Key = "Station:DataFolder";

    /// <summary>The folder when none is configured: data/ in the working directory (a checkout's own).</summary>
    public const string Default = "data";

    /// <summary>The full path of the data folder for a configured value (null or blank: the default) and the
    /// working directory a relative value is taken from.</summary>
    public static string Resolve(string? configured, string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        var folder = string.IsNullOrWhiteSpace(configured) ? Default : configured.Trim();
        return Path.GetFullPath(folder, Path.GetFullPath(workingDirectory));
    }

    /// <summary>The rolling log files' path pattern when the configuration names none: logs/ in the data folder.</summary>
    public static string LogFilePattern(string dataFolder) => Path.Combine(dataFolder, "logs", "engraver-.json");

    /// <summary>Where the folder came from, for the start line and for errors that name it.</summary>
    public static string Origin(string? configured) => string.IsNullOrWhiteSpace(configured)
        ? $"the default {Default}/ in the working directory"
        : $"{Key} {configured.Trim()}";

    /// <summary>The data folder this process uses: <paramref name="configured"/> (Station:DataFolder) from its
    /// current working directory.</summary>
    public static string ForThisProcess(string? configured) => Resolve(configured, Environment.CurrentDirectory);

    /// <summary>One line at start: the folder the service reads and writes, and where that came from.</summary>
    public static void LogAtStart(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.GetRequiredService<IConfiguration>()[Key];
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Engraver.Service.DataFolder")
            .LogInformation("Data folder {DataFolder} ({DataFolderOrigin})", ForThisProcess(configured), Origin(configured));
    }
}
