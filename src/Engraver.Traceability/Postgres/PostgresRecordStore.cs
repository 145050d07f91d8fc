using System.Runtime.CompilerServices;
using Npgsql;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Traceability.Postgres;

/// <summary>The factory record store: one PostgreSQL database shared by several stations. An append runs in
/// one transaction that first takes a transaction-scoped advisory lock on the chain, then reads the chain's
/// last row and inserts the next, so appends from any number of stations queue up on the lock and never
/// link two rows to the same predecessor. The commit is synchronous (forced per transaction), so an append
/// is durable on the server when it returns.</summary>
public sealed class PostgresRecordStore : IRecordStore
{
    /// <summary>The advisory lock key that serialises appends to the chain.</summary>
    public const long ChainLockKey = 0x456E_6772_0000_0002;

    /// <summary>The advisory lock key that serialises appends to the command log.</summary>
    public const long CommandLogLockKey = 0x456E_6772_0000_0003;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IRecordHasher _hasher;
    private readonly ChainAnchor? _anchor;

    private PostgresRecordStore(NpgsqlDataSource dataSource, string location, IRecordHasher hasher, ChainAnchor? anchor)
    {
        _dataSource = dataSource;
        Location = location;
        _hasher = hasher;
        _anchor = anchor;
        Jobs = new SqlJobStore(new JobStoreDialect(
            async token => await _dataSource.OpenConnectionAsync(token),
            BeginDurableAsync,
            LockPendingRow: " FOR UPDATE SKIP LOCKED", LockRow: " FOR UPDATE"));
    }

    public IJobStore Jobs { get; }

    /// <summary>Where the records are, as host:port/database (never the password).</summary>
    public string Location { get; }

    /// <inheritdoc cref="OpenAsync(string, IRecordHasher, CancellationToken)"/>
    public static Task<PostgresRecordStore> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenAsync(connectionString, RecordHasher.Instance, cancellationToken);

    /// <summary>Connects to the database named by <paramref name="connectionString"/> and brings its schema up
    /// to date. Refuses a database of a newer schema version with <see cref="UnsupportedSchemaVersionException"/>.</summary>
    public static Task<PostgresRecordStore> OpenAsync(string connectionString, IRecordHasher hasher, CancellationToken cancellationToken) =>
        OpenAsync(connectionString, hasher, anchor: null, cancellationToken);

    /// <inheritdoc cref="OpenAsync(string, IRecordHasher, CancellationToken)"/>
    /// <param name="anchor">Signs a checkpoint in every appending transaction; null for a store that only reads.</param>
    public static async Task<PostgresRecordStore> OpenAsync(string connectionString, IRecordHasher hasher, ChainAnchor? anchor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(hasher);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        var store = new PostgresRecordStore(NpgsqlDataSource.Create(builder), location, hasher, anchor);
        try
        {
            await using var connection = await store._dataSource.OpenConnectionAsync(cancellationToken);
            await PostgresSchema.ApplyAsync(connection, location, cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return store;
    }

    public async Task<StoredPinRecord> AppendPinAsync(PinRecord record, CancellationToken cancellationToken) =>
        (await AppendPinsAsync([record], cancellationToken))[0];

    /// <summary>Appends all records in one transaction under the chain lock; more than one are sent with
    /// binary COPY, which is what makes a large import fast.</summary>
    public async Task<IReadOnlyList<StoredPinRecord>> AppendPinsAsync(IReadOnlyList<PinRecord> records, CancellationToken cancellationToken) =>
        await AppendAsync(records, resolvesInspection: false, cancellationToken);

    /// <summary>The serial's latest record is read after the chain lock is taken, in the appending transaction:
    /// every append takes that lock, so nothing can be appended between the check and the resolution.</summary>
    public async Task<StoredPinRecord> AppendResolutionAsync(PinRecord resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        return (await AppendAsync([resolution], resolvesInspection: true, cancellationToken))[0];
    }

    private async Task<IReadOnlyList<StoredPinRecord>> AppendAsync(IReadOnlyList<PinRecord> records, bool resolvesInspection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var canonical = records.Select(PinRecordRules.CheckAndEncode).ToList();
        if (records.Count == 0)
        {
            return [];
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (sequence, hash) = await LockChainEndAsync(connection, cancellationToken);
        if (resolvesInspection)
        {
            await using var latest = connection.CreateCommand();
            latest.Transaction = transaction;
            await PinRecordRows.RequireOpenInspectionAsync(latest, records[0].Serial, cancellationToken);
        }

        if (sequence == 0)
        {
            await ChainKeyingRows.WriteAsync(connection, transaction, _hasher, cancellationToken);
        }

        var rows = new List<StoredPinRecord>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var row = new StoredPinRecord(sequence + 1, records[i], hash, _hasher.ComputeHash(hash, canonical[i]));
            rows.Add(row);
            (sequence, hash) = (row.Sequence, row.Hash);
        }

        try
        {
            if (rows.Count == 1)
            {
                await using var insert = new NpgsqlCommand(PinRecordRows.InsertSql, connection);
                PinRecordRows.AddInsertParameters(insert, rows[0]);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                await PostgresBulkRows.CopyAsync(connection, rows, cancellationToken);
            }
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ux_pin_records_verified_serial" })
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new DuplicateVerifiedSerialException(await FindRefusedSerialAsync(connection, records, cancellationToken));
        }

        var checkpoint = await SignAsync(connection, transaction, Checkpoint.Pins, sequence, hash, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Publish(checkpoint);
        return rows;
    }

    public Task<IReadOnlyList<StoredPinRecord>> FindBySerialAsync(string serial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serial);
        return RecordStreams.ToListAsync(QueryAsync(new RecordQuery { Serial = serial }, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<StoredPinRecord>> ListPinsAsync(CancellationToken cancellationToken) =>
        RecordStreams.ToListAsync(QueryAsync(RecordQuery.All, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<StoredPinRecord> QueryAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        RecordQuerySql.Prepare(command, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return PinRecordRows.Read(reader);
        }
    }

    public async Task<ChainKeying?> ReadChainKeyingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ChainKeyingRows.ReadAsync(connection, cancellationToken);
    }

    public Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken) =>
        new ChainVerifier(_hasher).VerifyAsync(QueryAsync(RecordQuery.All, cancellationToken), cancellationToken);

    public async Task<StoredCommandRecord> AppendCommandAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        var canonical = CommandRecordRules.CheckAndEncode(record);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SET LOCAL synchronous_commit = on"),
                new("SELECT pg_advisory_xact_lock(" + CommandLogLockKey + ")"),
            },
        })
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        var row = await CommandLogRows.AppendAsync(connection, transaction, record, canonical, _hasher, cancellationToken);
        var checkpoint = await SignAsync(connection, transaction, Checkpoint.Commands, row.Sequence, row.Hash, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Publish(checkpoint);
        return row;
    }

    public async IAsyncEnumerable<StoredCommandRecord> ListCommandsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(CommandLogRows.SelectAllSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return CommandLogRows.Read(reader);
        }
    }

    public Task<ChainVerification> VerifyCommandChainAsync(CancellationToken cancellationToken) =>
        new ChainVerifier(_hasher).VerifyCommandsAsync(ListCommandsAsync(cancellationToken), cancellationToken);

    public async Task<IReadOnlyDictionary<string, Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await CheckpointRows.ReadAllAsync(connection, null, cancellationToken);
    }

    public async Task<string?> ReadChainHashAsync(string chain, long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await CheckpointRows.ReadHashAsync(connection, chain, sequence, cancellationToken);
    }

    /// <summary>Takes both chains' locks (in the order appends never hold both, so no append can wait on it
    /// in a cycle), then signs every unsigned head.</summary>
    public async Task<IReadOnlyList<Checkpoint>> AnchorUnsignedChainsAsync(Func<string, bool> mayAnchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mayAnchor);
        if (_anchor is null)
        {
            return [];
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locks = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SET LOCAL synchronous_commit = on"),
                new("SELECT pg_advisory_xact_lock(" + ChainLockKey + ")"),
                new("SELECT pg_advisory_xact_lock(" + CommandLogLockKey + ")"),
            },
        })
        {
            await locks.ExecuteNonQueryAsync(cancellationToken);
        }

        var signed = await CheckpointRows.AnchorUnsignedAsync(connection, transaction, _anchor, mayAnchor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var checkpoint in signed)
        {
            _anchor.Publish(checkpoint);
        }

        return signed;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<Checkpoint?> SignAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string chain, long sequence, string hash, CancellationToken cancellationToken)
    {
        if (_anchor is null)
        {
            return null;
        }

        var checkpoint = _anchor.Sign(chain, sequence, hash);
        await CheckpointRows.UpsertAsync(connection, transaction, checkpoint, cancellationToken);
        return checkpoint;
    }

    private void Publish(Checkpoint? checkpoint)
    {
        if (checkpoint is not null)
        {
            _anchor!.Publish(checkpoint);
        }
    }

    /// <summary>The first verified serial of <paramref name="records"/> that is verified twice among them or
    /// already verified in the store (the server does not name it unless error details are switched on).</summary>
    private static async Task<string> FindRefusedSerialAsync(NpgsqlConnection connection, IReadOnlyList<PinRecord> records, CancellationToken cancellationToken)
    {
        var verified = records.Where(r => r.Outcome == PinOutcome.Verified).Select(r => r.Serial).ToList();
        await using var command = new NpgsqlCommand(
            "SELECT serial FROM pin_records WHERE outcome = 'Verified' AND serial = ANY(@serials);", connection);
        command.Parameters.AddWithValue("serials", verified.Distinct(StringComparer.Ordinal).ToArray());
        var already = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                already.Add(reader.GetString(0));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return verified.FirstOrDefault(s => already.Contains(s) || !seen.Add(s)) ?? verified.FirstOrDefault() ?? records[0].Serial;
    }

    /// <summary>A transaction whose commit is synchronous whatever the server default: a claim is on disk before the pin starts.</summary>
    private static async ValueTask<System.Data.Common.DbTransaction> BeginDurableAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SET LOCAL synchronous_commit = on", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private static async Task<(long Sequence, string Hash)> LockChainEndAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One round trip: durability forced for this transaction whatever the server default, then the
        // lock, then (read after the lock is held, so it sees the last committed append) the chain's end.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SET LOCAL synchronous_commit = on"),
                new("SELECT pg_advisory_xact_lock(" + ChainLockKey + ")"),
                new("SELECT seq, hash FROM pin_records ORDER BY seq DESC LIMIT 1"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (reader.FieldCount != 2 && await reader.NextResultAsync(cancellationToken))
        {
            // Step over the results of SET and of the lock to the chain's end.
        }

        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetString(1))
            : (0, RecordHasher.GenesisPreviousHash);
    }
}
