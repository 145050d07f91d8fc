using System.Data.Common;
using System.Security.Cryptography;

namespace Engraver.Traceability.Chain;

/// <summary>Whether a store's chain was written keyed (HMAC) or plain, and which key: written with the first
/// record, so an auditor who verifies with the wrong key (or none) is told so instead of reading "broken".
/// The key id is the first 8 bytes of SHA-256 of the key, as hex: it names a key without revealing it.</summary>
public sealed record ChainKeying(bool Keyed, string? KeyId)
{
    public static ChainKeying Of(IRecordHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return new ChainKeying(hasher.KeyId is not null, hasher.KeyId);
    }

    /// <summary>The id of a key: the first 8 bytes of its SHA-256, as 16 lowercase hex characters.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key)[..8]);
}

/// <summary>Reads and writes the one chain_keying row, through plain ADO.NET so SQLite and PostgreSQL share it.</summary>
internal static class ChainKeyingRows
{
    /// <summary>Records the keying of the chain; called in the transaction that appends the first record.</summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, IRecordHasher hasher, CancellationToken cancellationToken)
    {
        var keying = ChainKeying.Of(hasher);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO chain_keying (id, keyed, key_id) VALUES (1, @keyed, @keyId)
            ON CONFLICT (id) DO UPDATE SET keyed = excluded.keyed, key_id = excluded.key_id;
            """;
        Add(command, "keyed", keying.Keyed ? 1 : 0);
        Add(command, "keyId", (object?)keying.KeyId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The keying recorded with the first record, or null for a chain written before it was recorded.</summary>
    public static async Task<ChainKeying?> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT keyed, key_id FROM chain_keying WHERE id = 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ChainKeying(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) != 0,
            reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
