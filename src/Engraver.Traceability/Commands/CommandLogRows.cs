using System.Data.Common;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Commands;

/// <summary>Maps command records to and from rows of the command_log table, the same in every store; values
/// are kept in the forms <see cref="CommandEncoding"/> hashes, so a row read back re-encodes to the same bytes.</summary>
internal static class CommandLogRows
{
    public const string SelectColumns = "seq, at, station, user_id, role, command, arguments, outcome, prev_hash, hash";

    public const string SelectAllSql = "SELECT " + SelectColumns + " FROM command_log ORDER BY seq;";

    public const string ChainEndSql = "SELECT seq, hash FROM command_log ORDER BY seq DESC LIMIT 1;";

    private const string InsertSql =
        "INSERT INTO command_log (" + SelectColumns + ") VALUES (@seq, @at, @station, @user_id, @role, @command, @arguments, @outcome, @prev_hash, @hash);";

    /// <summary>Links the record to the chain's end and inserts it, inside the caller's transaction; the
    /// caller has already made sure no other writer can append meanwhile.</summary>
    public static async Task<StoredCommandRecord> AppendAsync(
        DbConnection connection, DbTransaction transaction, CommandRecord record, byte[] canonical, IRecordHasher hasher, CancellationToken cancellationToken)
    {
        long sequence = 0;
        var previous = RecordHasher.GenesisPreviousHash;
        await using (var end = connection.CreateCommand())
        {
            end.Transaction = transaction;
            end.CommandText = ChainEndSql;
            await using var reader = await end.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (sequence, previous) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        var row = new StoredCommandRecord(sequence + 1, record, previous, hasher.ComputeHash(previous, canonical));
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertSql;
        Add(insert, "@seq", row.Sequence);
        Add(insert, "@at", CanonicalEncoding.FormatTimestamp(record.At));
        Add(insert, "@station", record.Station);
        Add(insert, "@user_id", record.User);
        Add(insert, "@role", record.Role);
        Add(insert, "@command", record.Command);
        Add(insert, "@arguments", record.Arguments);
        Add(insert, "@outcome", record.Outcome);
        Add(insert, "@prev_hash", row.PreviousHash);
        Add(insert, "@hash", row.Hash);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>Reads the current row; a missing or malformed value throws <see cref="CorruptRecordException"/>
    /// naming the row and column.</summary>
    public static StoredCommandRecord Read(DbDataReader reader)
    {
        var sequence = reader.GetInt64(0);
        var column = 1;
        try
        {
            var at = Text(reader, column++);
            var record = new CommandRecord
            {
                At = CanonicalEncoding.TryParseTimestamp(at, out var value)
                    ? value
                    : throw new FormatException($"'{at}' is not a UTC timestamp of the form yyyy-MM-ddTHH:mm:ss.fffffffZ"),
                Station = Text(reader, column++),
                User = Text(reader, column++),
                Role = Text(reader, column++),
                Command = Text(reader, column++),
                Arguments = Text(reader, column++),
                Outcome = Text(reader, column++),
            };
            var previousHash = Text(reader, column++);
            var hash = Text(reader, column++);
            return new StoredCommandRecord(sequence, record, previousHash, hash);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException)
        {
            throw new CorruptRecordException(sequence, $"command log column {reader.GetName(column - 1)}: {e.Message}");
        }
    }

    private static string Text(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? throw new InvalidCastException("a required value is null") : reader.GetString(column);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
