using System.Globalization;
using System.Text;
using System.Text.Json;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Commands;

namespace Engraver.Traceability.Audit;

/// <summary>Which commands of the log to list: a time range (from inclusive, to exclusive) and one user.</summary>
public sealed record CommandQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? User = null)
{
    public bool Matches(CommandRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (From is not { } from || record.At >= from)
            && (To is not { } to || record.At < to)
            && (User is null || string.Equals(record.User, User, StringComparison.Ordinal));
    }
}

/// <summary>Writes the command log (who did what, when, with which role, and what came of it) as CSV or JSON.
/// CSV cells that a spreadsheet would run as a formula get a leading apostrophe; JSON stays exact.</summary>
public static class CommandExport
{
    public static IReadOnlyList<string> Columns { get; } = ["seq", "at", "station", "user", "role", "command", "arguments", "outcome"];

    /// <summary>The row's values as text, in <see cref="Columns"/> order.</summary>
    public static IReadOnlyList<string> Values(StoredCommandRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var r = row.Record;
        return [row.Sequence.ToString(CultureInfo.InvariantCulture), CanonicalEncoding.FormatTimestamp(r.At), r.Station, r.User, r.Role, r.Command, r.Arguments, r.Outcome];
    }

    public static Task<long> WriteCsvAsync(IAsyncEnumerable<StoredCommandRecord> rows, TextWriter writer, CancellationToken cancellationToken) =>
        RecordExport.WriteCsvRowsAsync(rows, Columns, row => Values(row).Select((text, i) => ((string?)text, i == 0)), writer, cancellationToken);

    public static async Task<long> WriteJsonAsync(IAsyncEnumerable<StoredCommandRecord> rows, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(stream);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var values = Values(row);
            json.WriteStartObject();
            json.WriteNumber(Columns[0], row.Sequence);
            for (var i = 1; i < values.Count; i++)
            {
                json.WriteString(Columns[i], values[i]);
            }

            json.WriteEndObject();
            count++;
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return count;
    }
}
