using System.Data.Common;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Storage;

/// <summary>Maps pin records to and from rows of the pin_records table, the same in every store (SQLite,
/// PostgreSQL): one column list, one insert text with @name parameters, one reader over DbDataReader.
/// Values are stored in the same forms the canonical encoding hashes (timestamps as canonical UTC text,
/// outcome by name), so a row read back re-encodes to exactly the bytes that were hashed when it was appended.</summary>
internal static class PinRecordRows
{
    public const string SelectColumns =
        "seq, serial, make, model, job_id, station, operator, pin_lot, slot, attempt, firmware, firmware_banner, " +
        "recipe_name, power_fraction, feed_mm_per_min, passes, toolpath_sha256, stroke_coverage, stray_mark, grade, " +
        "evidence_path, evidence_sha256, outcome, reason, started_at, finished_at, simulated_devices, " +
        "recipe_sha256, calibration, overrides, locations, prev_hash, hash";

    public const string InsertSql =
        "INSERT INTO pin_records (" + SelectColumns + ") VALUES (" +
        "@seq, @serial, @make, @model, @job_id, @station, @operator, @pin_lot, @slot, @attempt, @firmware, @firmware_banner, " +
        "@recipe_name, @power_fraction, @feed_mm_per_min, @passes, @toolpath_sha256, @stroke_coverage, @stray_mark, @grade, " +
        "@evidence_path, @evidence_sha256, @outcome, @reason, @started_at, @finished_at, @simulated_devices, " +
        "@recipe_sha256, @calibration, @overrides, @locations, @prev_hash, @hash);";

    /// <summary>The outcome of a serial's latest record (no row: none), read inside the appending transaction.</summary>
    public const string LatestOutcomeSql = "SELECT outcome FROM pin_records WHERE serial = @serial ORDER BY seq DESC LIMIT 1;";

    /// <summary>Throws <see cref="InspectionNotOpenException"/> unless the serial's latest record, read with
    /// <paramref name="command"/> (bound to the appending transaction), is NeedsInspection.</summary>
    public static async Task RequireOpenInspectionAsync(DbCommand command, string serial, CancellationToken cancellationToken)
    {
        command.CommandText = LatestOutcomeSql;
        command.Parameters.Clear();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@serial";
        parameter.Value = serial;
        command.Parameters.Add(parameter);
        var latest = await command.ExecuteScalarAsync(cancellationToken) is string text ? Outcome(text) : (PinOutcome?)null;
        if (latest != PinOutcome.NeedsInspection)
        {
            throw new InspectionNotOpenException(serial, latest);
        }
    }

    public static void AddInsertParameters(DbCommand command, StoredPinRecord row)
    {
        var r = row.Record;
        Add(command, "@seq", row.Sequence);
        Add(command, "@serial", r.Serial);
        Add(command, "@make", r.Make);
        Add(command, "@model", r.Model);
        Add(command, "@job_id", r.JobId);
        Add(command, "@station", r.Station);
        Add(command, "@operator", r.Operator);
        Add(command, "@pin_lot", r.PinLot);
        Add(command, "@slot", r.Slot);
        Add(command, "@attempt", r.Attempt);
        Add(command, "@firmware", r.Firmware);
        Add(command, "@firmware_banner", r.FirmwareBanner);
        Add(command, "@recipe_name", r.RecipeName);
        Add(command, "@power_fraction", r.PowerFraction);
        Add(command, "@feed_mm_per_min", r.FeedMmPerMin);
        Add(command, "@passes", r.Passes);
        Add(command, "@toolpath_sha256", r.ToolpathSha256);
        Add(command, "@stroke_coverage", r.StrokeCoverage);
        Add(command, "@stray_mark", r.StrayMark);
        Add(command, "@grade", r.Grade);
        Add(command, "@evidence_path", r.EvidencePath);
        Add(command, "@evidence_sha256", r.EvidenceSha256);
        Add(command, "@outcome", CanonicalEncoding.FormatOutcome(r.Outcome));
        Add(command, "@reason", r.Reason);
        Add(command, "@started_at", CanonicalEncoding.FormatTimestamp(r.StartedAt));
        Add(command, "@finished_at", CanonicalEncoding.FormatTimestamp(r.FinishedAt));
        Add(command, "@simulated_devices", r.SimulatedDevices);
        Add(command, "@recipe_sha256", r.RecipeSha256);
        Add(command, "@calibration", r.Calibration);
        Add(command, "@overrides", r.Overrides);
        Add(command, "@locations", r.Locations);
        Add(command, "@prev_hash", row.PreviousHash);
        Add(command, "@hash", row.Hash);
    }

    /// <summary>Reads the current row of a reader over <see cref="SelectColumns"/>. A value that is missing
    /// or of the wrong form throws <see cref="CorruptRecordException"/> naming the row and column.</summary>
    public static StoredPinRecord Read(DbDataReader reader)
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
                SimulatedDevices = OptionalText(reader, column++),
                RecipeSha256 = OptionalText(reader, column++),
                Calibration = OptionalText(reader, column++),
                Overrides = OptionalText(reader, column++),
                Locations = OptionalText(reader, column++),
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

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string Text(DbDataReader reader, int column) =>
        reader.IsDBNull(column)
            ? throw new InvalidCastException("a required value is null")
            : reader.GetString(column);

    private static string? OptionalText(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetString(column);

    private static double? OptionalReal(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private static PinOutcome Outcome(string text) => text switch
    {
        // Only the exact member names: Enum.Parse would also take numbers and other casings.
        nameof(PinOutcome.Verified) => PinOutcome.Verified,
        nameof(PinOutcome.Rejected) => PinOutcome.Rejected,
        nameof(PinOutcome.NeedsInspection) => PinOutcome.NeedsInspection,
        _ => throw new FormatException($"'{text}' is not a pin outcome"),
    };

    private static DateTimeOffset Timestamp(string text) =>
        CanonicalEncoding.TryParseTimestamp(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a UTC timestamp of the form yyyy-MM-ddTHH:mm:ss.fffffffZ");
}
