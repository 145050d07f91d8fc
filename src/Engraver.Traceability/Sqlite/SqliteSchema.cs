using System.Globalization;
using Microsoft.Data.Sqlite;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Sqlite;

/// <summary>The versioned schema of the SQLite record database. Each migration brings the database from
/// the version before it to its own; a database newer than <see cref="CurrentVersion"/> is refused untouched.</summary>
internal static class SqliteSchema
{
    // Index i takes the database from version i to version i + 1. Append new migrations; never edit one.
    private static readonly string[] Migrations =
    [
        // STRICT: a value of the wrong type is refused by SQLite, not coerced into a different record.
        // No CHECK on outcome: the reader refuses unknown outcomes, and a new outcome then needs no table rebuild.
        """
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
        """,
        // Version 2: the audit queries by job, station and time.
        """
        CREATE INDEX ix_pin_records_job ON pin_records (job_id);
        CREATE INDEX ix_pin_records_station ON pin_records (station);
        CREATE INDEX ix_pin_records_finished_at ON pin_records (finished_at);
        """,
        // Version 3: the persisted job queue. A serial waits in at most one job at a time; claims and
        // tray slots live here so a station that crashed knows which pin was in flight.
        """
        CREATE TABLE jobs (
            ordinal INTEGER PRIMARY KEY,
            job_id TEXT NOT NULL UNIQUE,
            make TEXT NOT NULL,
            model TEXT NOT NULL,
            pin_lot TEXT NOT NULL,
            recipe TEXT NOT NULL,
            state TEXT NOT NULL,
            source TEXT NOT NULL,
            submitted_by TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE job_serials (
            job_id TEXT NOT NULL REFERENCES jobs (job_id),
            position INTEGER NOT NULL,
            serial TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            station TEXT,
            slot INTEGER,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (job_id, position),
            UNIQUE (job_id, serial)
        ) STRICT;
        CREATE INDEX ix_job_serials_state ON job_serials (state, job_id, position);
        CREATE INDEX ix_job_serials_station ON job_serials (station, state);
        CREATE TABLE station_trays (
            station TEXT PRIMARY KEY,
            next_slot INTEGER NOT NULL
        ) STRICT;
        """,
        // Version 4: the command log, a hash chain of its own (who told the station what, and what came of it).
        """
        CREATE TABLE command_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            station TEXT NOT NULL,
            user_id TEXT NOT NULL,
            role TEXT NOT NULL,
            command TEXT NOT NULL,
            arguments TEXT NOT NULL,
            outcome TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_command_log_at ON command_log (at);
        """,
        // Version 5: the devices a pin was made with that were simulated (null: none, a production pin).
        // Rows from before keep null, which the canonical encoding leaves out, so they verify unchanged.
        """
        ALTER TABLE pin_records ADD COLUMN simulated_devices TEXT;
        """,
        // Version 6: who holds each station's lease (one live process per station id), so a process that is
        // refused can name the holder. The lease itself is an OS lock (see FileStationLease), not this row.
        """
        CREATE TABLE station_leases (
            station TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat TEXT NOT NULL
        ) STRICT;
        """,
        // Version 7: whether the chain is keyed (HMAC) and the key's id, written with the first record, so a
        // chain verified with the wrong key or none is told apart from a tampered one.
        """
        CREATE TABLE chain_keying (
            id INTEGER PRIMARY KEY,
            keyed INTEGER NOT NULL,
            key_id TEXT
        ) STRICT;
        """,
        // Version 8: the latest signed checkpoint of each chain (records, head hash, time, key, signature), written
        // in the transaction that appends, so every committed row is covered by the station's signature.
        """
        CREATE TABLE chain_checkpoints (
            chain TEXT PRIMARY KEY,
            records INTEGER NOT NULL,
            head TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            key_id TEXT NOT NULL,
            signature TEXT NOT NULL
        ) STRICT;
        """,
        // Version 9: the recipe file's hash, the calibration, the overrides in force and, for a recipe with several
        // marking locations, each location's result. Rows from before keep null and their encoding (version 1 or 2).
        """
        ALTER TABLE pin_records ADD COLUMN recipe_sha256 TEXT;
        ALTER TABLE pin_records ADD COLUMN calibration TEXT;
        ALTER TABLE pin_records ADD COLUMN overrides TEXT;
        ALTER TABLE pin_records ADD COLUMN locations TEXT;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="CurrentVersion"/> inside one immediate transaction, so two
    /// stations opening a new file at once cannot both migrate it.</summary>
    public static async Task ApplyAsync(SqliteConnection connection, string location, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;",
            cancellationToken);

        var found = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (found > CurrentVersion)
        {
            throw new UnsupportedSchemaVersionException(location, found, CurrentVersion);
        }

        for (var version = found; version < CurrentVersion; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version], cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $appliedAt);";
            record.Parameters.AddWithValue("$version", version + 1);
            record.Parameters.AddWithValue("$appliedAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_version;";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is long version ? checked((int)version) : 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
