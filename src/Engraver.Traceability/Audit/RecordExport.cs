using System.Globalization;
using System.Text;
using System.Text.Json;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>Writes stored records as CSV or JSON for auditors, one row or object per record with the
/// sequence, every field of the canonical encoding (same names, same text forms) and both hashes, so an
/// export can be re-hashed outside Engraver. A missing simulated_devices is a production record, encoded
/// without that field (format version 1); see <see cref="CanonicalEncoding"/>.</summary>
public static class RecordExport
{
    public static IReadOnlyList<string> Columns { get; } = ["seq", .. CanonicalEncoding.FieldOrder, "prev_hash", "hash"];

    /// <summary>RFC 4180 CSV with a header line. A missing value is an empty field; an empty text is
    /// written as "" so the two stay apart. Text that would start a spreadsheet formula gets a leading apostrophe. Returns the number of records written.</summary>
    public static Task<long> WriteCsvAsync(IAsyncEnumerable<StoredPinRecord> rows, TextWriter writer, CancellationToken cancellationToken) =>
        WriteCsvRowsAsync(rows, Columns, Values, writer, cancellationToken);

    /// <summary>The CSV both exports write: the header, then one line per row of <paramref name="values"/>, each cell
    /// as <see cref="AppendCsv"/> writes it. Returns the number of rows written.</summary>
    internal static async Task<long> WriteCsvRowsAsync<T>(
        IAsyncEnumerable<T> rows, IReadOnlyList<string> columns, Func<T, IEnumerable<(string? Text, bool IsNumber)>> values, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(string.Join(",", columns) + "\r\n");
        long count = 0;
        var line = new StringBuilder(1024);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            var first = true;
            foreach (var value in values(row))
            {
                line.Append(first ? "" : ",");
                first = false;
                AppendCsv(line, value.Text, value.IsNumber);
            }

            await writer.WriteAsync(line.Append("\r\n").ToString());
            count++;
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>A JSON array of objects; numbers are JSON numbers, a missing value is null.</summary>
    public static async Task<long> WriteJsonAsync(IAsyncEnumerable<StoredPinRecord> rows, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(stream);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            var column = 0;
            foreach (var value in Values(row))
            {
                var name = Columns[column++];
                if (value.Text is null)
                {
                    json.WriteNull(name);
                }
                else if (value.IsNumber)
                {
                    json.WritePropertyName(name);
                    json.WriteRawValue(value.Text, skipInputValidation: true);
                }
                else
                {
                    json.WriteString(name, value.Text);
                }
            }

            json.WriteEndObject();
            if (++count % 1000 == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static IEnumerable<(string? Text, bool IsNumber)> Values(StoredPinRecord row)
    {
        var r = row.Record;
        yield return (Integer(row.Sequence), true);
        yield return (r.Serial, false);
        yield return (r.Make, false);
        yield return (r.Model, false);
        yield return (r.JobId, false);
        yield return (r.Station, false);
        yield return (r.Operator, false);
        yield return (r.PinLot, false);
        yield return (Integer(r.Slot), true);
        yield return (Integer(r.Attempt), true);
        yield return (r.Firmware, false);
        yield return (r.FirmwareBanner, false);
        yield return (r.RecipeName, false);
        yield return (Real(r.PowerFraction), true);
        yield return (Real(r.FeedMmPerMin), true);
        yield return (Integer(r.Passes), true);
        yield return (r.ToolpathSha256, false);
        yield return (r.StrokeCoverage is { } coverage ? Real(coverage) : null, true);
        yield return (r.StrayMark is { } stray ? Real(stray) : null, true);
        yield return (r.Grade, false);
        yield return (r.EvidencePath, false);
        yield return (r.EvidenceSha256, false);
        yield return (CanonicalEncoding.FormatOutcome(r.Outcome), false);
        yield return (r.Reason, false);
        yield return (CanonicalEncoding.FormatTimestamp(r.StartedAt), false);
        yield return (CanonicalEncoding.FormatTimestamp(r.FinishedAt), false);
        yield return (r.SimulatedDevices, false);
        yield return (r.RecipeSha256, false);
        yield return (r.Calibration, false);
        yield return (r.Overrides, false);
        yield return (r.Locations, false);
        yield return (row.PreviousHash, false);
        yield return (row.Hash, false);
    }

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Real(double value) => value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Appends one CSV field. Text that a spreadsheet would run as a formula (starting with = + - @,
    /// a tab or a carriage return) gets a leading apostrophe, after OWASP's CSV injection guidance; numbers are
    /// written as they are. JSON exports stay exact.</summary>
    internal static void AppendCsv(StringBuilder line, string? text, bool isNumber = false)
    {
        if (text is null)
        {
            return;
        }

        if (!isNumber && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        if (text.Length > 0 && text.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
