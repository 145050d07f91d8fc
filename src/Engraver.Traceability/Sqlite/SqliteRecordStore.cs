using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Traceability.Sqlite;

/// <summary>The embedded record store: one SQLite file in write-ahead-log mode with full sync, so an append
/// has reached the disk when it returns. Appends go through one writer connection that commits queued
/// appends together (<see cref="SqliteGroupAppender"/>); each batch takes an immediate (write) transaction
/// to read the chain's last hash and insert the next rows, so writers in other processes cannot link to
/// the same row and fork the chain. Reads use their own pooled connections.</summary>
public sealed class SqliteRecordStore : IRecordStore
{
    private const int SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly IRecordHasher _hasher;
    private readonly ChainAnchor? _anchor;
    private readonly SemaphoreSlim _commandWriter = new(1, 1);
    private SqliteGroupAppender? _appender;

    private SqliteRecordStore(string connectionString, string location, IRecordHasher hasher, ChainAnchor? anchor)
    {
        _connectionString = connectionString;
        Location = location;
        _hasher = hasher;
        _anchor = anchor;
        Jobs = new SqlJobStore(new JobStoreDialect(
            async token => await OpenConnectionAsync(token),
            (connection, _) => ValueTask.FromResult<System.Data.Common.DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false)),
            LockPendingRow: "", LockRow: ""));
    }

    public IJobStore Jobs { get; }

    /// <summary>The full path of the database file.</summary>
    public string Location { get; }

    /// <inheritdoc cref="OpenAsync(string, IRecordHasher, CancellationToken)"/>
    public static Task<SqliteRecordStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        OpenAsync(path, RecordHasher.Instance, cancellationToken);

    /// <summary>Opens the record database at <paramref name="path"/>, creating its folder and file when
    /// missing and bringing its schema up to date. Rows are linked and verified with <paramref name="hasher"/>.
    /// Refuses a database of a newer schema version with <see cref="UnsupportedSchemaVersionException"/> and
    /// a file that is not a SQLite database with <see cref="InvalidDataException"/>.</summary>
    public static Task<SqliteRecordStore> OpenAsync(string path, IRecordHasher hasher, CancellationToken cancellationToken) =>
        OpenAsync(path, hasher, anchor: null, cancellationToken);

    /// <inheritdoc cref="OpenAsync(string, IRecordHasher, CancellationToken)"/>
    /// <param name="anchor">Signs a checkpoint in every appending transaction; null for a store that only reads
    /// (or a test's unsigned store).</param>
    public static async Task<SqliteRecordStore> OpenAsync(string path, IRecordHasher hasher, ChainAnchor? anchor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(hasher);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        var store = new SqliteRecordStore(connectionString, fullPath, hasher, anchor);
        try
        {
            var writer = await store.OpenConnectionAsync(cancellationToken);
            try
            {
                await SqliteSchema.ApplyAsync(writer, fullPath, cancellationToken);
                await EnableWriteAheadLogAsync(writer, fullPath, cancellationToken);
            }
            catch
            {
                await writer.DisposeAsync();
                throw;
            }

            store._appender = new SqliteGroupAppender(writer, hasher, anchor);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            await store.DisposeAsync();
            throw new InvalidDataException($"{fullPath} is not a SQLite record database.", e);
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

    public Task<IReadOnlyList<StoredPinRecord>> AppendPinsAsync(IReadOnlyList<PinRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.Select(r => (r, PinRecordRules.CheckAndEncode(r))).ToList();
        var appender = _appender ?? throw new ObjectDisposedException(nameof(SqliteRecordStore));
        return rows.Count == 0 ? Task.FromResult<IReadOnlyList<StoredPinRecord>>([]) : appender.AppendAsync(rows, cancellationToken);
    }

    public async Task<StoredPinRecord> AppendResolutionAsync(PinRecord resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var row = (resolution, PinRecordRules.CheckAndEncode(resolution));
        var appender = _appender ?? throw new ObjectDisposedException(nameof(SqliteRecordStore));
        return (await appender.AppendAsync([row], cancellationToken, resolvesInspection: true))[0];
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
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
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
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ChainKeyingRows.ReadAsync(connection, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return await CheckpointRows.ReadAllAsync(connection, null, cancellationToken);
    }

    public async Task<string?> ReadChainHashAsync(string chain, long sequence, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return await CheckpointRows.ReadHashAsync(connection, chain, sequence, cancellationToken);
    }

    public async Task<IReadOnlyList<Checkpoint>> AnchorUnsignedChainsAsync(Func<string, bool> mayAnchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mayAnchor);
        if (_anchor is null)
        {
            return [];
        }

        await _commandWriter.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            var signed = await CheckpointRows.AnchorUnsignedAsync(connection, transaction, _anchor, mayAnchor, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var checkpoint in signed)
            {
                _anchor.Publish(checkpoint);
            }

            return signed;
        }
        finally
        {
            _commandWriter.Release();
        }
    }

    public async Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken)
    {
        using var rows = SqliteChainRows.Open(Location);
        return await new ChainVerifier(_hasher).VerifyAsync(rows, cancellationToken);
    }

    /// <summary>Appends on a connection of its own in an immediate (write) transaction, so the chain's end is
    /// read and extended under SQLite's write lock, whichever process appends.</summary>
    public async Task<StoredCommandRecord> AppendCommandAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        var canonical = CommandRecordRules.CheckAndEncode(record);
        ObjectDisposedException.ThrowIf(_appender is null, this);
        await _commandWriter.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            var row = await CommandLogRows.AppendAsync(connection, transaction, record, canonical, _hasher, cancellationToken).ConfigureAwait(false);
            var checkpoint = _anchor?.Sign(Checkpoint.Commands, row.Sequence, row.Hash);
            if (checkpoint is not null)
            {
                await CheckpointRows.UpsertAsync(connection, transaction, checkpoint, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (checkpoint is not null)
            {
                _anchor!.Publish(checkpoint);
            }

            return row;
        }
        finally
        {
            _commandWriter.Release();
        }
    }

    public async IAsyncEnumerable<StoredCommandRecord> ListCommandsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = CommandLogRows.SelectAllSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return CommandLogRows.Read(reader);
        }
    }

    public Task<ChainVerification> VerifyCommandChainAsync(CancellationToken cancellationToken) =>
        new ChainVerifier(_hasher).VerifyCommandsAsync(ListCommandsAsync(cancellationToken), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_appender is { } appender)
        {
            _appender = null;
            await appender.DisposeAsync();
        }

        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // synchronous is a per-connection setting, unlike journal_mode which the file remembers.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = FULL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task EnableWriteAheadLogAsync(SqliteConnection connection, string location, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Record database {location} could not switch to write-ahead logging; its journal mode is '{mode}'.");
        }
    }
}
