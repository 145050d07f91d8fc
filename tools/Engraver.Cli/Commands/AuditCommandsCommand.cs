using System.CommandLine;
using System.Globalization;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit commands [--from --to --user --format table|tsv|csv|json --out FILE]`: the command log,
/// who told the station what and what came of it, oldest first.</summary>
internal static class AuditCommandsCommand
{
    public static Command Create()
    {
        var from = AuditCommand.TimeOption("--from", "List commands given at or after this time.");
        var to = AuditCommand.TimeOption("--to", "List commands given before this time.");
        var user = new Option<string?>("--user") { Description = "List only the commands of this user." };
        var format = new Option<string>("--format") { Description = "table (for a terminal), tsv, csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "tsv", "csv", "json");
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output); never the record database or evidence." };
        var force = new Option<bool>("--force") { Description = "Replace the --out file if it exists." };
        var source = new AuditStoreSource();
        var command = new Command("commands", "List the command log: who did what, when, with which role, and the outcome.") { from, to, user, format, output, force };
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("commands", () => RunAsync(
            source, result, new CommandQuery(result.GetValue(from), result.GetValue(to), result.GetValue(user)),
            result.GetValue(format)!, result.GetValue(output), result.GetValue(force), token)));
        return command;
    }

    private static async Task<int> RunAsync(
        AuditStoreSource source, ParseResult result, CommandQuery query, string format, string? output, bool force, CancellationToken cancellationToken)
    {
        if (output is not null)
        {
            source.Guard(result).Check(output, force);
        }

        var (store, location, _) = await source.OpenAsync(result, cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var rows = Matching(store, query, cancellationToken);
            long count;
            if (format is "table" or "tsv" && output is null)
            {
                count = await WriteListingAsync(rows, format == "tsv" ? ListingFormat.Tsv : ListingFormat.Table, Console.Out, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var stream = output is null ? Console.OpenStandardOutput() : File.Create(output);
                await using (stream.ConfigureAwait(false))
                {
                    count = await WriteFileAsync(rows, format, stream, cancellationToken).ConfigureAwait(false);
                }
            }

            await Console.Error.WriteLineAsync($"audit commands: {count} commands from {location}{(output is null ? "" : " to " + output)}").ConfigureAwait(false);
        }

        return 0;
    }

    private static async IAsyncEnumerable<StoredCommandRecord> Matching(
        IRecordStore store, CommandQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in store.ListCommandsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (query.Matches(row.Record))
            {
                yield return row;
            }
        }
    }

    /// <summary>A table asked for with --out is written as CSV: a table is for the terminal.</summary>
    private static async Task<long> WriteFileAsync(IAsyncEnumerable<StoredCommandRecord> rows, string format, Stream stream, CancellationToken cancellationToken)
    {
        if (format == "json")
        {
            return await CommandExport.WriteJsonAsync(rows, stream, cancellationToken).ConfigureAwait(false);
        }

        var writer = new StreamWriter(stream, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            return format == "tsv"
                ? await WriteListingAsync(rows, ListingFormat.Tsv, writer, cancellationToken).ConfigureAwait(false)
                : await CommandExport.WriteCsvAsync(rows, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long> WriteListingAsync(IAsyncEnumerable<StoredCommandRecord> rows, ListingFormat format, TextWriter output, CancellationToken cancellationToken)
    {
        var listing = new Listing([
            new("seq", "sequence"), new("time (UTC)", "at"), new("user", "user"), new("role", "role"), new("command", "command"),
            new("arguments", "arguments"), new("outcome", "outcome"), new("station", "station"),
        ]);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var r = row.Record;
            listing.Add(
                row.Sequence.ToString(CultureInfo.InvariantCulture),
                r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                r.User, r.Role, r.Command, r.Arguments, r.Outcome, r.Station);
        }

        listing.Write(format, output);
        return listing.Count;
    }
}
