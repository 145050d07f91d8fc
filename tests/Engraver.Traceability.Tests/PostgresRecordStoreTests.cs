using Engraver.Traceability.Leases;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The record store contract on a real PostgreSQL server (tools/test starts one), and what only
/// the shared factory store has to do: many stations appending to one chain.</summary>
public sealed class PostgresRecordStoreTests : RecordStoreContractTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();

    protected override async Task<IStationLease> AcquireLeaseAsync(string station) =>
        await PostgresStationLease.AcquireAsync(((PostgresTestDatabase)Database).ConnectionString, station, None);

    [Fact]
    public async Task Lease_is_dropped_by_the_server_when_the_holders_session_ends()
    {
        await using var dead = await AcquireLeaseAsync("station-1");
        // What the server does when a holder dies: its session ends, and with it the advisory lock.
        await Database.ExecuteAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 " +
            $"AND ((classid::bigint << 32) | objid::bigint) = {PostgresStationLease.KeyFor("station-1")}");

        await using var next = await AcquireLeaseAsync("station-1");

        Assert.Equal(Environment.ProcessId, next.Holder.ProcessId);
        Assert.Equal(Environment.ProcessId, Convert.ToInt32(await Database.ScalarAsync("SELECT pid FROM station_leases WHERE station = 'station-1'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Open_records_the_current_schema_version()
    {
        await using (await OpenStoreAsync())
        {
        }

        Assert.Equal(SchemaVersions.Current, await Database.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task Eight_stations_appending_at_once_build_one_unbroken_chain()
    {
        var stations = new List<IRecordStore>();
        for (var i = 0; i < 8; i++)
        {
            stations.Add(await OpenStoreAsync());
        }

        try
        {
            var appends = Enumerable.Range(0, 160).Select(i =>
                stations[i % stations.Count].AppendPinAsync(SampleRecords.Verified($"SN-{i}") with { Station = $"station-{i % 8}" }, None));
            var rows = await Task.WhenAll(appends);

            var verification = await stations[0].VerifyChainAsync(None);
            Assert.True(verification.Intact, verification.Problem);
            Assert.Equal(160, verification.RowsChecked);
            Assert.Equal(Enumerable.Range(1, 160).Select(i => (long)i), rows.Select(r => r.Sequence).Order());
        }
        finally
        {
            foreach (var station in stations)
            {
                await station.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Two_stations_verifying_the_same_serial_at_once_store_one_verified_pin()
    {
        await using var first = await OpenStoreAsync();
        await using var second = await OpenStoreAsync();

        var results = await Task.WhenAll(
            Attempt(first.AppendPinAsync(SampleRecords.Verified("SN-RACE") with { Station = "a" }, None)),
            Attempt(second.AppendPinAsync(SampleRecords.Verified("SN-RACE") with { Station = "b" }, None)));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.Single(results, r => r is DuplicateVerifiedSerialException);
        Assert.Single(await first.FindBySerialAsync("SN-RACE", None));
        Assert.True((await first.VerifyChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Location_names_host_port_and_database_but_not_the_password()
    {
        var connectionString = ((PostgresTestDatabase)Database).ConnectionString + ";Password=secret-word";

        await using var store = await PostgresRecordStore.OpenAsync(connectionString, None);

        Assert.Equal(Database.Location, store.Location);
        Assert.DoesNotContain("secret-word", store.Location, StringComparison.Ordinal);
    }

    private static async Task<Exception?> Attempt(Task append)
    {
        try
        {
            await append;
            return null;
        }
        catch (DuplicateVerifiedSerialException e)
        {
            return e;
        }
    }
}
