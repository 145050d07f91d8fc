using System.Security.Cryptography;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The record store contract on an SQLite file, and what only the file store does.</summary>
public sealed class SqliteRecordStoreTests : RecordStoreContractTests
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());

    protected override async Task<IStationLease> AcquireLeaseAsync(string station) =>
        await FileStationLease.AcquireAsync(Database.Location, station, None);

    [Fact]
    public async Task Lease_is_a_file_beside_the_database_named_for_the_station()
    {
        await using var lease = await AcquireLeaseAsync("station-7");

        Assert.True(File.Exists(Database.Location + ".station-7.lease"));
    }

    [Fact]
    public async Task Refused_lease_leaves_the_database_files_byte_for_byte_unchanged()
    {
        await using var held = await AcquireLeaseAsync("station-1");
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        var before = FileHashes();
        await Assert.ThrowsAsync<StationLeaseHeldException>(() => AcquireLeaseAsync("station-1"));

        Assert.Equal(before, FileHashes());
    }

    /// <summary>The database and its write-ahead log (a missing log is an empty one: a reader may create it
    /// empty). The -shm file is left out: it is shared memory in which every reader marks what it reads.</summary>
    private string FileHashes() => string.Join(" ", new[] { "", "-wal" }
        .Select(suffix => Database.Location + suffix)
        .Select(path => File.Exists(path) && new FileInfo(path).Length > 0 ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "empty"));

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
