using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Sqlite;

/// <summary>The embedded record store: one SQLite file in write-ahead-log mode with full sync, so an append
/// has reached the disk when it returns. Each operation uses its own pooled connection; appends take an
/// immediate (write) transaction to read the chain's last hash and insert the next row, so two writers,
/// in this process or another, cannot both link to the same row and fork the chain.</summary>
public sealed class SqliteRecordStore : IRecordStore
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteConstraintUnique = 2067;

    private readonly string _connectionString;
    private readonly IRecordHasher _hasher;

    private SqliteRecordStore(string connectionString, IRecordHasher hasher)
    {
        _connectionString = connectionString;
        _hasher = hasher;
    }

    /// <summary>Opens the record database at <paramref name="path"/>, creating its folder and file when
    /// missing and bringing its schema up to date. Refuses a database of a newer schema version with
    /// <see cref="UnsupportedSchemaVersionException"/> and a file that is not a SQLite database with
    /// <see cref="InvalidDataException"/>.</summary>
    public static async Task<SqliteRecordStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
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
        var store = new SqliteRecordStore(connectionString, RecordHasher.Instance);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await SqliteSchema.ApplyAsync(connection, fullPath, cancellationToken);
            await EnableWriteAheadLogAsync(connection, fullPath, cancellationToken);
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

    public async Task<StoredPinRecord> AppendPinAsync(PinRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Serial, "record.Serial");
        var canonical = CanonicalEncoding.Encode(record);

        await using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var (lastSequence, lastHash) = await ReadChainEndAsync(connection, transaction, cancellationToken);
        var stored = new StoredPinRecord(lastSequence + 1, record, lastHash, _hasher.ComputeHash(lastHash, canonical));

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = SqlitePinRecordRows.InsertSql;
            SqlitePinRecordRows.AddInsertParameters(insert, stored);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintUnique
                                             && e.Message.Contains("pin_records.serial", StringComparison.Ordinal))
            {
                throw new DuplicateVerifiedSerialException(record.Serial);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<StoredPinRecord>> FindBySerialAsync(string serial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serial);
        return await ToListAsync(ReadRowsAsync(serial, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<StoredPinRecord>> ListPinsAsync(CancellationToken cancellationToken) =>
        await ToListAsync(ReadRowsAsync(serial: null, cancellationToken), cancellationToken);

    public Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken) =>
        new ChainVerifier(_hasher).VerifyAsync(ReadRowsAsync(serial: null, cancellationToken), cancellationToken);

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
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

    private static async Task<(long Sequence, string Hash)> ReadChainEndAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM pin_records ORDER BY seq DESC LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetString(1))
            : (0, RecordHasher.GenesisPreviousHash);
    }

    private async IAsyncEnumerable<StoredPinRecord> ReadRowsAsync(
        string? serial, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = serial is null ? "" : "WHERE serial = $serial";
        command.CommandText = $"SELECT {SqlitePinRecordRows.SelectColumns} FROM pin_records {where} ORDER BY seq;";
        if (serial is not null)
        {
            command.Parameters.AddWithValue("$serial", serial);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return SqlitePinRecordRows.Read(reader);
        }
    }

    private static async Task<IReadOnlyList<StoredPinRecord>> ToListAsync(IAsyncEnumerable<StoredPinRecord> rows, CancellationToken cancellationToken)
    {
        var list = new List<StoredPinRecord>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
