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
        var format = Listing.FormatOption();
        var source = new AuditStoreSource();
        var command = new Command("show", "Show every record of one serial.") { serial, format };
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("show", () => RunAsync(source, result, result.GetValue(serial)!, result.GetValue(format), token)));
        return command;
    }

    private static async Task<int> RunAsync(AuditStoreSource source, ParseResult result, string serial, ListingFormat format, CancellationToken cancellationToken)
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

            var verified = rows.Count(r => r.Record.Outcome == PinOutcome.Verified);
            var simulated = rows.Count(r => r.Record.IsSimulated);
            var summary = $"{serial}: {rows.Count} record(s), {verified} verified{(simulated > 0 ? $", {simulated} SIMULATED" : "")}, in {location}";
            if (format != ListingFormat.Table)
            {
                // One row per record, every field a column; the summary goes to standard error so a script reads rows only.
                var listing = new Listing([.. Fields(rows[0]).Select(f => new ListingColumn(f.Title, f.Key))]);
                foreach (var row in rows)
                {
                    listing.Add([.. Fields(row).Select(f => f.Value)]);
                }

                listing.Write(format, Console.Out);
                await Console.Error.WriteLineAsync(summary).ConfigureAwait(false);
                return 0;
            }

            Listing.UnwrapWhenPiped();
            foreach (var row in rows)
            {
                AnsiConsole.Write(Describe(row));
            }

            await foreach (var qa in QaRecords.ForSerialAsync(store, serial, cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine(TerminalText.Escape(qa));
            }

            Console.WriteLine(summary);
            return 0;
        }
    }

    private static Table Describe(StoredPinRecord row)
    {
        var r = row.Record;
        // A record from simulated devices says so in its title too, where the eye lands first.
        var title = $"record {row.Sequence}: {Markup.Escape(TerminalText.Escape(r.Serial))} {r.Outcome}{(r.IsSimulated ? " SIMULATED" : "")}";
        var table = new Table().Title(title).AddColumn("field").AddColumn("value");
        foreach (var field in Fields(row).Skip(2))
        {
            // Record text is escaped for the terminal as it is printed, so a record written with escape
            // sequences (before they were refused or not) cannot rewrite the screen around it.
            table.AddRow(field.Title, Markup.Escape(TerminalText.Escape(field.Value ?? "-")));
        }

        return table;
    }

    /// <summary>Every field of a record as text, with its title in a table and its key in TSV and JSON; the
    /// sequence and serial first (the table has them in its title).</summary>
    private static List<(string Title, string Key, string? Value)> Fields(StoredPinRecord row)
    {
        var r = row.Record;
        var fields = new List<(string Title, string Key, string? Value)>
        {
            ("record", "sequence", row.Sequence.ToString(CultureInfo.InvariantCulture)),
            ("serial", "serial", r.Serial),
        };
        void Add(string name, string key, object? value) =>
            fields.Add((name, key, value switch
            {
                null => null,
                DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff 'UTC'", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            }));

        Add("make", "make", r.Make);
        Add("model", "model", r.Model);
        Add("job", "job", r.JobId);
        Add("station", "station", r.Station);
        Add("operator", "operator", r.Operator);
        Add("pin lot", "pinLot", r.PinLot);
        Add("slot", "slot", r.Slot);
        Add("attempt", "attempt", r.Attempt);
        Add("firmware", "firmware", $"{r.Firmware} ({r.FirmwareBanner})");
        Add("recipe", "recipe", $"{r.RecipeName}: power {r.PowerFraction.ToString(CultureInfo.InvariantCulture)}, feed {r.FeedMmPerMin.ToString(CultureInfo.InvariantCulture)} mm/min, {r.Passes} pass(es)");
        Add("recipe sha256", "recipeSha256", r.RecipeSha256);
        Add("overrides", "overrides", r.Overrides ?? "none (recipe as written)");
        Add("calibration", "calibration", r.Calibration);
        Add("toolpath sha256", "toolpathSha256", r.ToolpathSha256);
        Add("stroke coverage", "strokeCoverage", r.StrokeCoverage);
        Add("stray mark", "strayMark", r.StrayMark);
        Add("grade", "grade", r.Grade);
        Add("evidence", "evidence", r.EvidencePath);
        Add("evidence sha256", "evidenceSha256", r.EvidenceSha256);
        Add("outcome", "outcome", r.Outcome);
        Add("reason", "reason", r.Reason);
        Add("started", "started", r.StartedAt);
        Add("finished", "finished", r.FinishedAt);
        Add("locations", "locations", r.Locations);
        Add("simulated devices", "simulatedDevices", r.IsSimulated ? $"SIMULATED: {r.SimulatedDevices}" : "none (production)");
        Add("previous hash", "previousHash", row.PreviousHash);
        Add("hash", "hash", row.Hash);
        return fields;
    }
}
