using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The record store contract on an SQLite file, and what only the file store does.</summary>
public sealed class SqliteRecordStoreTests : RecordStoreContractTests
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());

    [Fact]
    public async Task Open_creates_the_missing_folder_and_file_in_write_ahead_log_mode()
    {
        await using (await OpenStoreAsync())
        {
            Assert.True(File.Exists(Database.Location));
        }

        Assert.Equal("wal", await Database.ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal((long)SchemaVersions.Current, await Database.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task File_that_is_not_a_database_is_refused_naming_the_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database.Location)!);
        await File.WriteAllTextAsync(Database.Location, new string('x', 4096));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteRecordStore.OpenAsync(Database.Location, None));

        Assert.Contains(Database.Location, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_one_file_is_migrated_to_the_current_version_keeping_its_rows()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database.Location)!);
        await Database.ExecuteAsync(SqliteVersionOne.Schema);
        await Database.ExecuteAsync(SqliteVersionOne.InsertOneRow);

        await using var store = await OpenStoreAsync();

        Assert.Equal((long)SchemaVersions.Current, await Database.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(1L, await Database.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_pin_records_job';"));
        Assert.True((await store.VerifyChainAsync(None)).Intact);
        Assert.Single(await store.ListPinsAsync(None));
    }

    [Fact]
    public async Task Version_one_file_once_migrated_chains_a_simulated_record_after_its_old_row()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database.Location)!);
        await Database.ExecuteAsync(SqliteVersionOne.Schema);
        await Database.ExecuteAsync(SqliteVersionOne.InsertOneRow);
        await using var store = await OpenStoreAsync();

        var simulated = await store.AppendPinAsync(SampleRecords.Simulated("SN-TWIN"), None);

        Assert.Equal(2, simulated.Sequence);
        Assert.Equal(SampleRecords.TwinDevices, (await store.ListPinsAsync(None))[1].Record.SimulatedDevices);
        Assert.Equal(new ChainVerification(true, 2, null, null), await store.VerifyChainAsync(None));
    }
}
