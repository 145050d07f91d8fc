using Engraver.Traceability.Chain;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Records;
using Npgsql;

namespace Engraver.Traceability.Tests.Support;

/// <summary>A new database on the PostgreSQL server named by <see cref="Variable"/>, dropped afterwards.
/// Without the variable every PostgreSQL test fails and says how to get a server: they never pass unrun.</summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string Variable = "ENGRAVER_TEST_POSTGRES";

    private readonly string _adminConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string adminConnectionString, string name, string connectionString, string location)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = connectionString;
        Location = location;
    }

    public string ConnectionString { get; }

    public string Location { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The PostgreSQL record store tests need a server and {Variable} is not set. Run tools/test, which " +
                $"starts a throwaway PostgreSQL cluster and sets {Variable}, or set it to a connection string whose " +
                "user may create databases.");

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = AdminConnectionString;
        var name = "engraver_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresTestDatabase(admin, name, builder.ToString(), $"{builder.Host}:{builder.Port}/{name}");
    }

    public async Task<IRecordStore> OpenAsync(IRecordHasher hasher) =>
        await PostgresRecordStore.OpenAsync(ConnectionString, hasher, CancellationToken.None);

    public async Task<IRecordStore> OpenAsync(IRecordHasher hasher, Engraver.Traceability.Anchoring.ChainAnchor anchor) =>
        await PostgresRecordStore.OpenAsync(ConnectionString, hasher, anchor, CancellationToken.None);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenRawAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
