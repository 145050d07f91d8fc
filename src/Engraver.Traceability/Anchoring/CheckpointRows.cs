using System.Data.Common;
using System.Globalization;
using Engraver.Traceability.Chain;

namespace Engraver.Traceability.Anchoring;

/// <summary>The latest checkpoint of each chain, kept in the store (table chain_checkpoints, one row per chain),
/// through plain ADO.NET so SQLite and PostgreSQL share it.</summary>
internal static class CheckpointRows
{
    public static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO chain_checkpoints (chain, records, head, signed_at, key_id, signature)
            VALUES (@chain, @records, @head, @signedAt, @keyId, @signature)
            ON CONFLICT (chain) DO UPDATE SET records = excluded.records, head = excluded.head,
                signed_at = excluded.signed_at, key_id = excluded.key_id, signature = excluded.signature;
            """;
        Add(command, "chain", checkpoint.Chain);
        Add(command, "records", checkpoint.Records);
        Add(command, "head", checkpoint.Head);
        Add(command, "signedAt", checkpoint.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Add(command, "keyId", checkpoint.KeyId);
        Add(command, "signature", checkpoint.Signature);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stored checkpoints by chain. A row that does not read as a checkpoint is returned as one
    /// that cannot verify (its signature empty), so verification reports it rather than skipping it.</summary>
    public static async Task<IReadOnlyDictionary<string, Checkpoint>> ReadAllAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT chain, records, head, signed_at, key_id, signature FROM chain_checkpoints;";
        var checkpoints = new Dictionary<string, Checkpoint>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var chain = reader.GetString(0);
            DateTimeOffset.TryParse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at);
            checkpoints[chain] = new Checkpoint(chain, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                reader.GetString(2), at, reader.GetString(4), reader.GetString(5));
        }

        return checkpoints;
    }

    /// <summary>The hash stored at one sequence number of a chain, or null when there is no such row.</summary>
    public static async Task<string?> ReadHashAsync(DbConnection connection, string chain, long sequence, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT hash FROM {TableOf(chain)} WHERE seq = @seq;";
        Add(command, "seq", sequence);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The last row of a chain (0 and the genesis hash when it has none).</summary>
    public static async Task<(long Sequence, string Hash)> ReadEndAsync(DbConnection connection, DbTransaction transaction, string chain, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT seq, hash FROM {TableOf(chain)} ORDER BY seq DESC LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, RecordHasher.GenesisPreviousHash);
    }

    /// <summary>Signs the head of every chain that has rows but no checkpoint (a store written before its chains
    /// were signed), inside the caller's write transaction, unless <paramref name="mayAnchor"/> says no.</summary>
    public static async Task<IReadOnlyList<Checkpoint>> AnchorUnsignedAsync(
        DbConnection connection, DbTransaction transaction, ChainAnchor anchor, Func<string, bool> mayAnchor, CancellationToken cancellationToken)
    {
        var existing = await ReadAllAsync(connection, transaction, cancellationToken);
        var signed = new List<Checkpoint>();
        foreach (var chain in Checkpoint.Chains)
        {
            if (existing.ContainsKey(chain))
            {
                continue;
            }

            var (sequence, hash) = await ReadEndAsync(connection, transaction, chain, cancellationToken);
            if (sequence > 0 && mayAnchor(chain))
            {
                var checkpoint = anchor.Sign(chain, sequence, hash);
                await UpsertAsync(connection, transaction, checkpoint, cancellationToken);
                signed.Add(checkpoint);
            }
        }

        return signed;
    }

    private static string TableOf(string chain) => chain switch
    {
        Checkpoint.Pins => "pin_records",
        Checkpoint.Commands => "command_log",
        _ => throw new ArgumentException($"Unknown chain '{chain}'.", nameof(chain)),
    };

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
