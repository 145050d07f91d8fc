using Npgsql;
using NpgsqlTypes;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Traceability.Postgres;

/// <summary>Writes many pin_records rows with binary COPY, column for column as <see cref="PinRecordRows"/>
/// inserts them (same text forms, so the rows hash the same).</summary>
internal static class PostgresBulkRows
{
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<StoredPinRecord> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY pin_records ({PinRecordRows.SelectColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            var r = row.Record;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken);
            foreach (var text in new[] { r.Serial, r.Make, r.Model, r.JobId, r.Station, r.Operator, r.PinLot })
            {
                await importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.WriteAsync(r.Slot, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(r.Attempt, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(r.Firmware, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(r.FirmwareBanner, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(r.RecipeName, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(r.PowerFraction, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(r.FeedMmPerMin, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(r.Passes, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(r.ToolpathSha256, NpgsqlDbType.Text, cancellationToken);
            await WriteOptionalAsync(importer, r.StrokeCoverage, cancellationToken);
            await WriteOptionalAsync(importer, r.StrayMark, cancellationToken);
            await WriteOptionalAsync(importer, r.Grade, cancellationToken);
            await WriteOptionalAsync(importer, r.EvidencePath, cancellationToken);
            await WriteOptionalAsync(importer, r.EvidenceSha256, cancellationToken);
            await importer.WriteAsync(CanonicalEncoding.FormatOutcome(r.Outcome), NpgsqlDbType.Text, cancellationToken);
            await WriteOptionalAsync(importer, r.Reason, cancellationToken);
            await importer.WriteAsync(CanonicalEncoding.FormatTimestamp(r.StartedAt), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(CanonicalEncoding.FormatTimestamp(r.FinishedAt), NpgsqlDbType.Text, cancellationToken);
            foreach (var text in new[] { r.SimulatedDevices, r.RecipeSha256, r.Calibration, r.Overrides, r.Locations })
            {
                await WriteOptionalAsync(importer, text, cancellationToken);
            }

            await importer.WriteAsync(row.PreviousHash, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Hash, NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteOptionalAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }

    private static async Task WriteOptionalAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken)
    {
        if (value is { } number)
        {
            await importer.WriteAsync(number, NpgsqlDbType.Double, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }
}
