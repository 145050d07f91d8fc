using System.CommandLine;
using System.Globalization;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit`: read, check and export the record store.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Show, verify, export and report on the pin records and the command log.")
    {
        AuditShowCommand.Create(),
        AuditVerifyCommand.Create(),
        AuditExportCommand.Create(),
        AuditReportCommand.Create(),
        AuditCommandsCommand.Create(),
    };

    /// <summary>Runs an audit verb: expected failures (no database, a newer schema, a bad key) print one
    /// line and exit 2, so scripts can tell them from a broken chain (exit 1).</summary>
    public static Task<int> GuardAsync(string verb, Func<Task<int>> run) => StoreVerbGuard.RunAsync($"audit {verb}", run);

    /// <summary>A --from/--to option: an ISO 8601 date or time, UTC unless it names an offset.</summary>
    public static Option<DateTimeOffset?> TimeOption(string name, string description)
    {
        return new Option<DateTimeOffset?>(name)
        {
            Description = description + " ISO 8601 (2024-06-01 or 2024-06-01T08:00:00+02:00); UTC unless an offset is given.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not a date or time; use ISO 8601 such as 2024-06-01T08:00:00Z.");
                return null;
            },
        };
    }
}
