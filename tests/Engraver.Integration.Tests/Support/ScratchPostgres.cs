using Npgsql;

namespace Engraver.Integration.Tests.Support;

/// <summary>A new database on the PostgreSQL server named by ENGRAVER_TEST_POSTGRES (tools/test starts
/// one), dropped afterwards. Without the variable the test fails and says how to get a server.</summary>
internal sealed class ScratchPostgres : IAsyncDisposable
{
    private const string Variable = "ENGRAVER_TEST_POSTGRES";
    private readonly string _admin;
    private readonly string _name;

    private ScratchPostgres(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchPostgres> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"This test needs a PostgreSQL server and {Variable} is not set. Run tools/test, which starts a throwaway cluster and sets it.");
        var name = "engraver_it_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new ScratchPostgres(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
