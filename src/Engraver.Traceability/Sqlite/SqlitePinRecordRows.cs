using Microsoft.Data.Sqlite;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Sqlite;

/// <summary>Maps pin records to and from rows of the pin_records table. Values are stored in the same
/// forms the canonical encoding hashes (timestamps as canonical UTC text, outcome by name), so a row
/// read back re-encodes to exactly the bytes that were hashed when it was appended.</summary>
internal static class SqlitePinRecordRows
{
    public const string SelectColumns =
        "seq, serial, make, model, job_id, station, operator, pin_lot, slot, attempt, firmware, firmware_banner, " +
        "recipe_name, power_fraction, feed_mm_per_min, passes, toolpath_sha256, stroke_coverage, stray_mark, grade, " +
        "evidence_path, evidence_sha256, outcome, reason, started_at, finished_at, prev_hash, hash";

    public const string InsertSql =
        "INSERT INTO pin_records (" + SelectColumns + ") VALUES (" +
        "$seq, $serial, $make, $model, $job_id, $station, $operator, $pin_lot, $slot, $attempt, $firmware, $firmware_banner, " +
        "$recipe_name, $power_fraction, $feed_mm_per_min, $passes, $toolpath_sha256, $stroke_coverage, $stray_mark, $grade, " +
        "$evidence_path, $evidence_sha256, $outcome, $reason, $started_at, $finished_at, $prev_hash, $hash);";

    public static void AddInsertParameters(SqliteCommand command, StoredPinRecord row)
    {
        var r = row.Record;
        var p = command.Parameters;
        p.AddWithValue("$seq", row.Sequence);
        p.AddWithValue("$serial", r.Serial);
        p.AddWithValue("$make", r.Make);
        p.AddWithValue("$model", r.Model);
        p.AddWithValue("$job_id", r.JobId);
        p.AddWithValue("$station", r.Station);
        p.AddWithValue("$operator", r.Operator);
        p.AddWithValue("$pin_lot", r.PinLot);
        p.AddWithValue("$slot", r.Slot);
        p.AddWithValue("$attempt", r.Attempt);
        p.AddWithValue("$firmware", r.Firmware);
        p.AddWithValue("$firmware_banner", r.FirmwareBanner);
        p.AddWithValue("$recipe_name", r.RecipeName);
        p.AddWithValue("$power_fraction", r.PowerFraction);
        p.AddWithValue("$feed_mm_per_min", r.FeedMmPerMin);
        p.AddWithValue("$passes", r.Passes);
        p.AddWithValue("$toolpath_sha256", r.ToolpathSha256);
        p.AddWithValue("$stroke_coverage", (object?)r.StrokeCoverage ?? DBNull.Value);
        p.AddWithValue("$stray_mark", (object?)r.StrayMark ?? DBNull.Value);
        p.AddWithValue("$grade", (object?)r.Grade ?? DBNull.Value);
        p.AddWithValue("$evidence_path", (object?)r.EvidencePath ?? DBNull.Value);
        p.AddWithValue("$evidence_sha256", (object?)r.EvidenceSha256 ?? DBNull.Value);
        p.AddWithValue("$outcome", CanonicalEncoding.FormatOutcome(r.Outcome));
        p.AddWithValue("$reason", (object?)r.Reason ?? DBNull.Value);
        p.AddWithValue("$started_at", CanonicalEncoding.FormatTimestamp(r.StartedAt));
        p.AddWithValue("$finished_at", CanonicalEncoding.FormatTimestamp(r.FinishedAt));
        p.AddWithValue("$prev_hash", row.PreviousHash);
        p.AddWithValue("$hash", row.Hash);
    }

    /// <summary>Reads the current row of a reader over <see cref="SelectColumns"/>. A value that is missing
    /// or of the wrong form throws <see cref="CorruptRecordException"/> naming the row and column.</summary>
    public static StoredPinRecord Read(SqliteDataReader reader)
    {
        var sequence = reader.GetInt64(0);
        var column = 1;
        try
        {
            var record = new PinRecord
            {
                Serial = Text(reader, column++),
                Make = Text(reader, column++),
                Model = Text(reader, column++),
                JobId = Text(reader, column++),
                Station = Text(reader, column++),
                Operator = Text(reader, column++),
                PinLot = Text(reader, column++),
                Slot = reader.GetInt32(column++),
                Attempt = reader.GetInt32(column++),
                Firmware = Text(reader, column++),
                FirmwareBanner = Text(reader, column++),
                RecipeName = Text(reader, column++),
                PowerFraction = reader.GetDouble(column++),
                FeedMmPerMin = reader.GetDouble(column++),
                Passes = reader.GetInt32(column++),
                ToolpathSha256 = Text(reader, column++),
                StrokeCoverage = OptionalReal(reader, column++),
                StrayMark = OptionalReal(reader, column++),
                Grade = OptionalText(reader, column++),
                EvidencePath = OptionalText(reader, column++),
                EvidenceSha256 = OptionalText(reader, column++),
                Outcome = Outcome(Text(reader, column++)),
                Reason = OptionalText(reader, column++),
                StartedAt = Timestamp(Text(reader, column++)),
                FinishedAt = Timestamp(Text(reader, column++)),
            };
            var previousHash = Text(reader, column++);
            var hash = Text(reader, column++);
            return new StoredPinRecord(sequence, record, previousHash, hash);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or InvalidOperationException)
        {
            // column++ has already moved past the read that failed.
            throw new CorruptRecordException(sequence, $"column {reader.GetName(column - 1)}: {e.Message}");
        }
    }

    private static string Text(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column)
            ? throw new InvalidCastException("a required value is null")
            : reader.GetString(column);

    private static string? OptionalText(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetString(column);

    private static double? OptionalReal(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private static PinOutcome Outcome(string text) =>
        // Only the exact member names: Enum.Parse would also take numbers and other casings.
        Enum.GetNames<PinOutcome>().Contains(text, StringComparer.Ordinal)
            ? Enum.Parse<PinOutcome>(text)
            : throw new FormatException($"'{text}' is not a pin outcome");

    private static DateTimeOffset Timestamp(string text) =>
        CanonicalEncoding.TryParseTimestamp(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a UTC timestamp of the form yyyy-MM-ddTHH:mm:ss.fffffffZ");
}
