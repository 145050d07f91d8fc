using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Tests.Support;

/// <summary>A record file as the first released schema (version 1) left it, to test migration forward.</summary>
internal static class SqliteVersionOne
{
    public const string Schema =
        """
        CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;
        INSERT INTO schema_version (version, applied_at) VALUES (1, '2024-01-01T00:00:00Z');
        CREATE TABLE pin_records (
            seq INTEGER PRIMARY KEY,
            serial TEXT NOT NULL,
            make TEXT NOT NULL,
            model TEXT NOT NULL,
            job_id TEXT NOT NULL,
            station TEXT NOT NULL,
            operator TEXT NOT NULL,
            pin_lot TEXT NOT NULL,
            slot INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            firmware TEXT NOT NULL,
            firmware_banner TEXT NOT NULL,
            recipe_name TEXT NOT NULL,
            power_fraction REAL NOT NULL,
            feed_mm_per_min REAL NOT NULL,
            passes INTEGER NOT NULL,
            toolpath_sha256 TEXT NOT NULL,
            stroke_coverage REAL,
            stray_mark REAL,
            grade TEXT,
            evidence_path TEXT,
            evidence_sha256 TEXT,
            outcome TEXT NOT NULL,
            reason TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX ux_pin_records_verified_serial ON pin_records (serial) WHERE outcome = 'Verified';
        CREATE INDEX ix_pin_records_serial ON pin_records (serial);
        """;

    /// <summary>One correctly hashed row, the first of its chain.</summary>
    public static string InsertOneRow
    {
        get
        {
            var r = SampleRecords.Minimal("SN-OLD");
            var hash = RecordHasher.Instance.ComputeHash(RecordHasher.GenesisPreviousHash, r);
            return "INSERT INTO pin_records VALUES (1, 'SN-OLD', 'Acme Arms', 'P-10 Compact', 'job-2024-0042', 'station-1', " +
                   "'Zoë Müller', 'LOT-77', 12, 1, 'grbl-1.1', 'Grbl 1.1h [''$'' for help]', 'tip-1.6mm', 0.30000000000000004, " +
                   $"0.3333333333333333, 2, '{r.ToolpathSha256}', NULL, NULL, NULL, NULL, NULL, 'NeedsInspection', NULL, " +
                   $"'{CanonicalEncoding.FormatTimestamp(r.StartedAt)}', '{CanonicalEncoding.FormatTimestamp(r.FinishedAt)}', " +
                   $"'{RecordHasher.GenesisPreviousHash}', '{hash}');";
        }
    }
}
