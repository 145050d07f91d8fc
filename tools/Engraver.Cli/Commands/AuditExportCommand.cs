using System.CommandLine;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit export --from --to --format csv|json [--out FILE]`: records finished in a time
/// range, to a file or standard output. The export carries the head it covers: the store's signed checkpoint of
/// the records, taken before the rows are read, goes to standard error and, with --out, to FILE.checkpoint, which
/// `audit verify --checkpoints` later checks the store against.</summary>
internal static class AuditExportCommand
{
    public static Command Create()
    {
        var from = AuditCommand.TimeOption("--from", "Export records finished at or after this time.");
        var to = AuditCommand.TimeOption("--to", "Export records finished before this time.");
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output); never the record database or evidence." };
        var force = new Option<bool>("--force") { Description = "Replace the --out file if it exists." };
        var source = new AuditStoreSource();
        var command = new Command("export", "Export records as CSV or JSON.") { from, to, format, output, force };
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("export", () => RunAsync(
            source, result, new RecordQuery { From = result.GetValue(from), To = result.GetValue(to) }, result.GetValue(format)!, result.GetValue(output), result.GetValue(force), token)));
        return command;
    }

    private static async Task<int> RunAsync(
        AuditStoreSource source, ParseResult result, RecordQuery query, string format, string? output, bool force, CancellationToken cancellationToken)
    {
        if (output is not null)
        {
            source.Guard(result).Check(output, force);
            source.Guard(result).Check(output + ".checkpoint", force);
        }

        var (store, _, _) = await source.OpenAsync(result, cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var checkpoint = (await store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(Checkpoint.Pins);
            if (output is not null && checkpoint is not null)
            {
                await File.WriteAllTextAsync(output + ".checkpoint", checkpoint.ToLine() + "\n", cancellationToken).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync(checkpoint is null
                ? "audit export: the store holds no signed checkpoint of its records"
                : $"audit export: covers records 1..{checkpoint.Records}, head {checkpoint.Head}, checkpoint signed {checkpoint.At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} by key {checkpoint.KeyId}"
                  + (output is null ? ": " + checkpoint.ToLine() : $" (in {output}.checkpoint)")).ConfigureAwait(false);
            var stream = output is null ? Console.OpenStandardOutput() : File.Create(output);
            await using (stream.ConfigureAwait(false))
            {
                var simulated = 0L;
                var rows = CountSimulated(store.QueryAsync(query, cancellationToken), () => simulated++);
                long count;
                if (format == "json")
                {
                    count = await RecordExport.WriteJsonAsync(rows, stream, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var writer = new StreamWriter(stream, leaveOpen: true);
                    await using (writer.ConfigureAwait(false))
                    {
                        count = await RecordExport.WriteCsvAsync(rows, writer, cancellationToken).ConfigureAwait(false);
                    }
                }

                await Console.Error.WriteLineAsync(
                    $"audit export: {count} records ({count - simulated} production, {simulated} SIMULATED: simulated_devices names them){(output is null ? "" : " to " + output)}").ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>Passes the rows on, counting those made with simulated devices.</summary>
    private static async IAsyncEnumerable<StoredPinRecord> CountSimulated(
        IAsyncEnumerable<StoredPinRecord> rows, Action onSimulated, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (row.Record.IsSimulated)
            {
                onSimulated();
            }

            yield return row;
        }
    }
}
