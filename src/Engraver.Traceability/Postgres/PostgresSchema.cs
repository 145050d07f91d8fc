using Npgsql;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Postgres;

/// <summary>The versioned schema of the PostgreSQL record database, kept in step with the SQLite one (same
/// tables, columns and constraints). A database newer than <see cref="CurrentVersion"/> is refused untouched.</summary>
internal static class PostgresSchema
{
    /// <summary>Held (transaction-scoped) while migrating, so stations starting together migrate once.</summary>
    public const long MigrationLockKey = 0x456E_6772_0000_0001;

    // Index i takes the database from version i to version i + 1. Append new migrations; never edit one.
    // Timestamps are canonical text, not timestamptz: timestamptz keeps microseconds, the record keeps ticks.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE pin_records (
            seq bigint PRIMARY KEY,
            serial text NOT NULL,
            make text NOT NULL,
            model text NOT NULL,
            job_id text NOT NULL,
            station text NOT NULL,
            operator text NOT NULL,
            pin_lot text NOT NULL,
            slot integer NOT NULL,
            attempt integer NOT NULL,
            firmware text NOT NULL,
            firmware_banner text NOT NULL,
            recipe_name text NOT NULL,
            power_fraction double precision NOT NULL,
            feed_mm_per_min double precision NOT NULL,
            passes integer NOT NULL,
            toolpath_sha256 text NOT NULL,
            stroke_coverage double precision,
            stray_mark double precision,
            grade text,
            evidence_path text,
            evidence_sha256 text,
            outcome text NOT NULL,
            reason text,
            started_at text NOT NULL,
            finished_at text NOT NULL,
            prev_hash text NOT NULL,
            hash text NOT NULL
        );
        CREATE UNIQUE INDEX ux_pin_records_verified_serial ON pin_records (serial) WHERE outcome = 'Verified';
        CREATE INDEX ix_pin_records_serial ON pin_records (serial);
        """,
        """
        CREATE INDEX ix_pin_records_job ON pin_records (job_id);
        CREATE INDEX ix_pin_records_station ON pin_records (station);
        CREATE INDEX ix_pin_records_finished_at ON pin_records (finished_at);
        """,
        // Version 3: the persisted job queue. A serial waits in at most one job at a time; claims and
        // tray slots live here so a station that crashed knows which pin was in flight.
        """
        CREATE TABLE jobs (
            ordinal bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            job_id text NOT NULL UNIQUE,
            make text NOT NULL,
            model text NOT NULL,
            pin_lot text NOT NULL,
            recipe text NOT NULL,
            state text NOT NULL,
            source text NOT NULL,
            submitted_by text NOT NULL,
            submitted_at text NOT NULL,
            updated_at text NOT NULL
        );
        CREATE TABLE job_serials (
            job_id text NOT NULL REFERENCES jobs (job_id),
            position integer NOT NULL,
            serial text NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL,
            station text,
            slot integer,
            updated_at text NOT NULL,
            PRIMARY KEY (job_id, position),
            UNIQUE (job_id, serial)
        );
        CREATE INDEX ix_job_serials_state ON job_serials (state, job_id, position);
        CREATE INDEX ix_job_serials_station ON job_serials (station, state);
        CREATE TABLE station_trays (
            station text PRIMARY KEY,
            next_slot integer NOT NULL
        );
        """,
        // The command log, a hash chain of its own (who told the station what, and what came of it).
        """
        CREATE TABLE command_log (
            seq bigint PRIMARY KEY,
            at text NOT NULL,
            station text NOT NULL,
            user_id text NOT NULL,
            role text NOT NULL,
            command text NOT NULL,
            arguments text NOT NULL,
            outcome text NOT NULL,
            prev_hash text NOT NULL,
            hash text NOT NULL
        );
        CREATE INDEX ix_command_log_at ON command_log (at);
        """,
        // Version 5: the devices a pin was made with that were simulated (null: none, a production pin).
        // Rows from before keep null, which the canonical encoding leaves out, so they verify unchanged.
        """
        ALTER TABLE pin_records ADD COLUMN simulated_devices text;
        """,
        // Version 6: who holds each station's lease (one live process per station id), so a process that is
        // refused can name the holder. The lease itself is a session advisory lock (see PostgresStationLease).
        """
        CREATE TABLE station_leases (
            station text PRIMARY KEY,
            host text NOT NULL,
            pid integer NOT NULL,
            started_at text NOT NULL,
            heartbeat text NOT NULL
        );
        """,
        // Version 7: whether the chain is keyed (HMAC) and the key's id, written with the first record, so a
        // chain verified with the wrong key or none is told apart from a tampered one.
        """
        CREATE TABLE chain_keying (
            id integer PRIMARY KEY,
            keyed integer NOT NULL,
            key_id text
        );
        """,
        // Version 8: the latest signed checkpoint of each chain (records, head hash, time, key, signature), written
        // in the transaction that appends, so every committed row is covered by the station's signature.
        """
        CREATE TABLE chain_checkpoints (
            chain text PRIMARY KEY,
            records bigint NOT NULL,
            head text NOT NULL,
            signed_at text NOT NULL,
            key_id text NOT NULL,
            signature text NOT NULL
        );
        """,
        // Version 9: the recipe file's hash, the calibration, the overrides in force and, for a recipe with several
        // marking locations, each location's result. Rows from before keep null and their encoding (version 1 or 2).
        """
        ALTER TABLE pin_records ADD COLUMN recipe_sha256 text;
        ALTER TABLE pin_records ADD COLUMN calibration text;
        ALTER TABLE pin_records ADD COLUMN overrides text;
        ALTER TABLE pin_records ADD COLUMN locations text;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    public static async Task ApplyAsync(NpgsqlConnection connection, string location, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(" + MigrationLockKey + ");", cancellationToken);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at text NOT NULL);",
            cancellationToken);

        await using (var read = new NpgsqlCommand("SELECT MAX(version) FROM schema_version;", connection))
        {
            var found = await read.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
            if (found > CurrentVersion)
            {
                throw new UnsupportedSchemaVersionException(location, found, CurrentVersion);
            }

            for (var next = found; next < CurrentVersion; next++)
            {
                await ExecuteAsync(connection, Migrations[next], cancellationToken);
                await using var record = new NpgsqlCommand(
                    "INSERT INTO schema_version (version, applied_at) VALUES (@version, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'));",
                    connection);
                record.Parameters.AddWithValue("version", next + 1);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
