using Engraver.Traceability.Jobs;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>One live process per station id: the station lease, and releasing a stopped station's claims.</summary>
public abstract partial class RecordStoreContractTests
{
    /// <summary>Takes the lease of <paramref name="station"/> on this test's database, as the service does.</summary>
    protected abstract Task<IStationLease> AcquireLeaseAsync(string station);

    private static JobSubmission LeaseJob(string id, params string[] serials) =>
        new(id, "ACME", "M1", "LOT-7", "default", serials, $"{id}.csv", "alice", new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Second_lease_of_one_station_is_refused_naming_the_holder()
    {
        await using var first = await AcquireLeaseAsync("station-1");

        var refused = await Assert.ThrowsAsync<StationLeaseHeldException>(() => AcquireLeaseAsync("station-1"));

        Assert.Equal(("station-1", Environment.MachineName, Environment.ProcessId), (refused.Holder!.Station, refused.Holder.Host, refused.Holder.ProcessId));
        Assert.Contains($"station-1 is held by host {Environment.MachineName} pid {Environment.ProcessId} since ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_stations_hold_their_leases_side_by_side()
    {
        await using var first = await AcquireLeaseAsync("station-1");
        await using var second = await AcquireLeaseAsync("station-2");

        Assert.Equal(("station-1", "station-2"), (first.Holder.Station, second.Holder.Station));
    }

    [Fact]
    public async Task Lease_given_back_is_taken_by_the_next_process()
    {
        var first = await AcquireLeaseAsync("station-1");
        await first.DisposeAsync();

        await using var next = await AcquireLeaseAsync("station-1");

        Assert.Equal("station-1", next.Holder.Station);
    }

    [Fact]
    public async Task Refused_lease_changes_no_row()
    {
        await using var held = await AcquireLeaseAsync("station-1");
        await using (var store = await OpenStoreAsync())
        {
            await store.Jobs.SubmitAsync(LeaseJob("J1", "A1", "A2"), None);
            await store.Jobs.ClaimNextAsync("station-1", 10, None);
            await store.AppendPinAsync(SampleRecords.Verified("SN-1"), None);
        }

        var before = await RowsAsync();
        await Assert.ThrowsAsync<StationLeaseHeldException>(() => AcquireLeaseAsync("station-1"));

        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Release_turns_the_stations_claims_into_inspection_records_and_leaves_other_stations_alone()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.Jobs.SubmitAsync(LeaseJob("J1", "A1", "A2", "A3"), None);
            await store.Jobs.ClaimNextAsync("gone", 10, None);
            await store.Jobs.ClaimNextAsync("gone", 10, None);
            await store.Jobs.ClaimNextAsync("alive", 10, None);
        }

        await using var lease = await AcquireLeaseAsync("gone");
        await using var supervisor = await OpenStoreAsync();
        var released = await StationClaimRelease.ReleaseAsync(supervisor, lease, "sue", DateTimeOffset.UtcNow, None);

        Assert.Equal(["A1", "A2"], released.Select(r => r.Claim.Serial));
        Assert.All(released, r => Assert.Equal(SerialState.NeedsInspection, r.EndedAs));
        var pins = await supervisor.ListPinsAsync(None);
        Assert.Equal(["A1", "A2"], pins.Select(p => p.Record.Serial));
        Assert.All(pins, p =>
        {
            Assert.Equal((PinOutcome.NeedsInspection, "gone", "sue", "J1"), (p.Record.Outcome, p.Record.Station, p.Record.Operator, p.Record.JobId));
            Assert.StartsWith("released by sue: station gone was not running", p.Record.Reason, StringComparison.Ordinal);
        });
        var job = Assert.Single(await supervisor.Jobs.ListAsync(None));
        Assert.Equal((2, 1), (job.NeedsInspection, job.Engraving));
        Assert.Empty(await supervisor.Jobs.ListClaimsAsync("gone", None));
        Assert.Single(await supervisor.Jobs.ListClaimsAsync("alive", None));
        Assert.True((await supervisor.VerifyChainAsync(None)).Intact);
    }

    [Fact]
    public async Task Release_of_a_station_with_no_claims_changes_nothing()
    {
        await using var lease = await AcquireLeaseAsync("idle");
        await using var store = await OpenStoreAsync();

        Assert.Empty(await StationClaimRelease.ReleaseAsync(store, lease, "sue", DateTimeOffset.UtcNow, None));
        Assert.Empty(await store.ListPinsAsync(None));
    }

    [Fact]
    public async Task Job_list_names_the_stations_holding_its_engraving_serials()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(LeaseJob("J1", "A1", "A2", "A3", "A4"), None);
        await store.Jobs.ClaimNextAsync("st-b", 10, None);
        await store.Jobs.ClaimNextAsync("st-a", 10, None);
        await store.Jobs.ClaimNextAsync("st-b", 10, None);

        var job = Assert.Single(await store.Jobs.ListAsync(None));

        Assert.Equal((1, 3), (job.Pending, job.Engraving));
        Assert.Equal([new StationClaims("st-a", 1), new StationClaims("st-b", 2)], job.EngravingBy);
    }

    /// <summary>Every row a refused process could have touched: pins, commands, queue, trays, lease holders.</summary>
    private async Task<string> RowsAsync()
    {
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) FROM pin_records", "SELECT MAX(hash) FROM pin_records", "SELECT COUNT(*) FROM command_log",
            "SELECT COUNT(*) FROM job_serials WHERE state = 'Engraving'", "SELECT COUNT(*) FROM job_serials WHERE state = 'Pending'",
            "SELECT MAX(updated_at) FROM job_serials", "SELECT MAX(next_slot) FROM station_trays",
            "SELECT MAX(host || ' ' || pid || ' ' || started_at || ' ' || heartbeat) FROM station_leases",
            "SELECT MAX(version) FROM schema_version",
        })
        {
            parts.Add(Convert.ToString(await Database.ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture) ?? "null");
        }

        return string.Join(" | ", parts);
    }
}
