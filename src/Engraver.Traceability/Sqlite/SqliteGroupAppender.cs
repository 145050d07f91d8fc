using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;

namespace Engraver.Traceability.Sqlite;

/// <summary>Group commit for the SQLite store. Appends queue up; one writer takes everything queued (up to
/// <see cref="MaxBatch"/>), links and inserts it in one immediate transaction and commits once, so many
/// appends share one fsync. Each caller's task completes only after the commit that holds its row, so an
/// append is still durable when it returns. A lone append is written at once, as before.</summary>
/// <remarks>Each caller's rows (one, or several appended together) get a savepoint: rows the database refuses
/// (a second verified pin for a serial) are rolled back alone and fail only their own caller; the rows
/// around them are still linked and committed. One caller's rows are consecutive in the chain.</remarks>
internal sealed class SqliteGroupAppender : IAsyncDisposable
{
    public const int MaxBatch = 1024;
    private const int SqliteConstraintUnique = 2067;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly IRecordHasher _hasher;
    private readonly ChainAnchor? _anchor;
    private readonly Task _writer;

    public SqliteGroupAppender(SqliteConnection connection, IRecordHasher hasher, ChainAnchor? anchor)
    {
        _connection = connection;
        _hasher = hasher;
        _anchor = anchor;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues the record and completes after its row is committed. Cancellation is honoured only
    /// before the record is queued: once queued, the caller learns whether the row was written.</summary>
    /// <remarks>With <paramref name="resolvesInspection"/>, the one row is written only if its serial's latest
    /// record, read in the same write transaction (rows queued before it included), is NeedsInspection.</remarks>
    public Task<IReadOnlyList<StoredPinRecord>> AppendAsync(
        IReadOnlyList<(PinRecord Record, byte[] Canonical)> rows, CancellationToken cancellationToken, bool resolvesInspection = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(rows, resolvesInspection);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteRecordStore), "The record store is closed.");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _connection.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            var rows = 0;
            while (rows < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                rows += next.Rows.Count;
            }

            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        var written = new List<(PendingAppend Append, List<StoredPinRecord> Rows)>(batch.Count);
        Checkpoint? checkpoint = null;
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var (lastSequence, lastHash) = await ReadChainEndAsync(transaction);
            if (lastSequence == 0)
            {
                await ChainKeyingRows.WriteAsync(_connection, transaction, _hasher, CancellationToken.None);
            }

            await using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = PinRecordRows.InsertSql;
            foreach (var append in batch)
            {
                await transaction.SaveAsync("append");
                var rows = new List<StoredPinRecord>(append.Rows.Count);
                var (sequence, hash) = (lastSequence, lastHash);
                try
                {
                    if (append.ResolvesInspection)
                    {
                        await using var latest = _connection.CreateCommand();
                        latest.Transaction = transaction;
                        await PinRecordRows.RequireOpenInspectionAsync(latest, append.Rows[0].Record.Serial, CancellationToken.None);
                    }

                    foreach (var (record, canonical) in append.Rows)
                    {
                        var row = new StoredPinRecord(sequence + 1, record, hash, _hasher.ComputeHash(hash, canonical));
                        insert.Parameters.Clear();
                        PinRecordRows.AddInsertParameters(insert, row);
                        await insert.ExecuteNonQueryAsync();
                        rows.Add(row);
                        (sequence, hash) = (row.Sequence, row.Hash);
                    }
                }
                catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintUnique
                                                 && e.Message.Contains("pin_records.serial", StringComparison.Ordinal))
                {
                    await transaction.RollbackAsync("append");
                    await transaction.ReleaseAsync("append");
                    append.Completion.TrySetException(new DuplicateVerifiedSerialException(append.Rows[rows.Count].Record.Serial));
                    continue;
                }
                catch (InspectionNotOpenException notOpen)
                {
                    await transaction.ReleaseAsync("append");
                    append.Completion.TrySetException(notOpen);
                    continue;
                }

                await transaction.ReleaseAsync("append");
                written.Add((append, rows));
                (lastSequence, lastHash) = (sequence, hash);
            }

            if (_anchor is not null && written.Count > 0)
            {
                checkpoint = _anchor.Sign(Checkpoint.Pins, lastSequence, lastHash);
                await CheckpointRows.UpsertAsync(_connection, transaction, checkpoint, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            // Nothing of this batch was committed: every caller still waiting learns why.
            foreach (var append in batch)
            {
                append.Completion.TrySetException(e);
            }

            return;
        }

        if (checkpoint is not null)
        {
            _anchor!.Publish(checkpoint);
        }

        foreach (var (append, rows) in written)
        {
            append.Completion.TrySetResult(rows);
        }
    }

    private async Task<(long Sequence, string Hash)> ReadChainEndAsync(SqliteTransaction transaction)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM pin_records ORDER BY seq DESC LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt64(0), reader.GetString(1))
            : (0, RecordHasher.GenesisPreviousHash);
    }

    private sealed class PendingAppend(IReadOnlyList<(PinRecord Record, byte[] Canonical)> rows, bool resolvesInspection)
    {
        public IReadOnlyList<(PinRecord Record, byte[] Canonical)> Rows { get; } = rows;

        public bool ResolvesInspection { get; } = resolvesInspection;

        public TaskCompletionSource<IReadOnlyList<StoredPinRecord>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
