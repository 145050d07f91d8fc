using System.Globalization;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Tests.Support;

/// <summary>An INSERT of one row written as plain SQL text, as a forger with database access would write
/// it; the same text runs on SQLite and PostgreSQL. Values in table order: simulated_devices and the version 3
/// fields, added by later migrations, are the last columns.</summary>
internal static class RawRowSql
{
    public static string Insert(StoredPinRecord row)
    {
        var r = row.Record;
        string[] values =
        [
            Number(row.Sequence), Text(r.Serial), Text(r.Make), Text(r.Model), Text(r.JobId), Text(r.Station), Text(r.Operator),
            Text(r.PinLot), Number(r.Slot), Number(r.Attempt), Text(r.Firmware), Text(r.FirmwareBanner), Text(r.RecipeName),
            Real(r.PowerFraction), Real(r.FeedMmPerMin), Number(r.Passes), Text(r.ToolpathSha256),
            r.StrokeCoverage is { } c ? Real(c) : "NULL", r.StrayMark is { } s ? Real(s) : "NULL",
            Text(r.Grade), Text(r.EvidencePath), Text(r.EvidenceSha256), Text(CanonicalEncoding.FormatOutcome(r.Outcome)), Text(r.Reason),
            Text(CanonicalEncoding.FormatTimestamp(r.StartedAt)), Text(CanonicalEncoding.FormatTimestamp(r.FinishedAt)),
            Text(row.PreviousHash), Text(row.Hash), Text(r.SimulatedDevices),
            Text(r.RecipeSha256), Text(r.Calibration), Text(r.Overrides), Text(r.Locations),
        ];
        return $"INSERT INTO pin_records VALUES ({string.Join(", ", values)});";
    }

    private static string Text(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
