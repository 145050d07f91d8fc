using System.CommandLine;
using System.Globalization;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Records;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit show SERIAL`: every record of one serial, oldest first.</summary>
internal static class AuditShowCommand
{
    public static Command Create()
    {
        var serial = new Argument<string>("serial") { Description = "The serial number to look up." };
        var source = new AuditStoreSource();
        var command = new Command("show", "Show every record of one serial.") { serial };
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("show", () => RunAsync(source, result, result.GetValue(serial)!, token)));
        return command;
    }

    private static async Task<int> RunAsync(AuditStoreSource source, ParseResult result, string serial, CancellationToken cancellationToken)
    {
        var (store, location, _) = await source.OpenAsync(result, cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var rows = await store.FindBySerialAsync(serial, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                await Console.Error.WriteLineAsync($"audit show: no record of serial {serial} in {location}").ConfigureAwait(false);
                return 1;
            }

            foreach (var row in rows)
            {
                AnsiConsole.Write(Describe(row));
            }

            var verified = rows.Count(r => r.Record.Outcome == PinOutcome.Verified);
            var simulated = rows.Count(r => r.Record.IsSimulated);
            Console.WriteLine($"{serial}: {rows.Count} record(s), {verified} verified{(simulated > 0 ? $", {simulated} SIMULATED" : "")}, in {location}");
            return 0;
        }
    }

    private static Table Describe(StoredPinRecord row)
    {
        var r = row.Record;
        // A record from simulated devices says so in its title too, where the eye lands first.
        var title = $"record {row.Sequence}: {Markup.Escape(TerminalText.Escape(r.Serial))} {r.Outcome}{(r.IsSimulated ? " SIMULATED" : "")}";
        var table = new Table().Title(title).AddColumn("field").AddColumn("value");
        void Add(string name, object? value) =>
            // Record text is escaped for the terminal as it is printed, so a record written with escape
            // sequences (before they were refused or not) cannot rewrite the screen around it.
            table.AddRow(name, Markup.Escape(TerminalText.Escape(value switch
            {
                null => "-",
                DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff 'UTC'", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "-",
            })));

        Add("make / model", $"{r.Make} / {r.Model}");
        Add("job", r.JobId);
        Add("station / operator", $"{r.Station} / {r.Operator}");
        Add("pin lot / slot / attempt", $"{r.PinLot} / {r.Slot} / {r.Attempt}");
        Add("firmware", $"{r.Firmware} ({r.FirmwareBanner})");
        Add("recipe", $"{r.RecipeName}: power {r.PowerFraction.ToString(CultureInfo.InvariantCulture)}, feed {r.FeedMmPerMin.ToString(CultureInfo.InvariantCulture)} mm/min, {r.Passes} pass(es)");
        Add("toolpath sha256", r.ToolpathSha256);
        Add("stroke coverage", r.StrokeCoverage);
        Add("stray mark", r.StrayMark);
        Add("grade", r.Grade);
        Add("evidence", r.EvidencePath);
        Add("evidence sha256", r.EvidenceSha256);
        Add("outcome", r.Outcome);
        Add("reason", r.Reason);
        Add("started", r.StartedAt);
        Add("finished", r.FinishedAt);
        Add("simulated devices", r.IsSimulated ? $"SIMULATED: {r.SimulatedDevices}" : "none (production)");
        Add("previous hash", row.PreviousHash);
        Add("hash", row.Hash);
        return table;
    }
}
