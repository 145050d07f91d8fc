using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Tests;

/// <summary>The persisted job queue, the same on every store.</summary>
public abstract partial class RecordStoreContractTests
{
    private const int Tray = 100;

    private static JobSubmission Job(string id, params string[] serials) =>
        new(id, "ACME", "M1", "LOT-7", "default", serials, $"{id}.csv", "alice", new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Submitted_job_is_listed_with_every_serial_pending()
    {
        await using var store = await OpenStoreAsync();

        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2", "A3"), None);
        var job = Assert.Single(await store.Jobs.ListAsync(None));

        Assert.Equal(("J1", JobState.Queued, 3, 3, "alice", "J1.csv"), (job.JobId, job.State, job.Total, job.Pending, job.SubmittedBy, job.Source));
    }

    [Fact]
    public async Task Job_id_used_before_is_refused()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);

        var refused = await Assert.ThrowsAsync<JobQueueException>(() => store.Jobs.SubmitAsync(Job("J1", "B1"), None));

        Assert.Contains("J1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(await store.Jobs.ListAsync(None)).Total);
    }

    [Fact]
    public async Task Serial_waiting_in_another_job_is_refused_and_nothing_is_queued()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2"), None);

        var refused = await Assert.ThrowsAsync<JobQueueException>(() => store.Jobs.SubmitAsync(Job("J2", "B1", "A2"), None));

        Assert.Contains("A2 (job J1)", refused.Message, StringComparison.Ordinal);
        Assert.Null(await store.Jobs.FindAsync("J2", None));
    }

    [Fact]
    public async Task Claims_follow_submission_order_and_take_consecutive_slots()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2"), None);
        await store.Jobs.SubmitAsync(Job("J2", "B1"), None);

        var claims = new List<SerialClaim>();
        for (var i = 0; i < 3; i++)
        {
            var claim = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
            claims.Add(claim);
            await store.Jobs.FinishAsync(claim, SerialState.Verified, None);
        }

        Assert.Equal(["A1", "A2", "B1"], claims.Select(c => c.Serial));
        Assert.Equal([0, 1, 2], claims.Select(c => c.Slot));
        Assert.All(claims, c => Assert.Equal(1, c.Attempt));
        Assert.Equal(NoClaimReason.QueueEmpty, (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Reason);
        Assert.All(await store.Jobs.ListAsync(None), j => Assert.Equal(JobState.Finished, j.State));
    }

    [Fact]
    public async Task Peeking_at_the_next_slot_names_the_slot_the_next_claim_takes_and_claims_nothing()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2"), None);

        var beforeAny = await store.Jobs.PeekNextSlotAsync("st-1", None);
        var first = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        var peeked = await store.Jobs.PeekNextSlotAsync("st-1", None);
        var peekedAgain = await store.Jobs.PeekNextSlotAsync("st-1", None);
        var second = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;

        Assert.Equal((0, 0, 1, 1, 1), (beforeAny, first.Slot, peeked, peekedAgain, second.Slot));
        Assert.Equal(0, await store.Jobs.PeekNextSlotAsync("st-2", None));
    }

    [Fact]
    public async Task Paused_job_holds_the_queue_until_resumed()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);
        await store.Jobs.SubmitAsync(Job("J2", "B1"), None);

        await store.Jobs.ApplyAsync("J1", JobCommand.Pause, None);
        var held = await store.Jobs.ClaimNextAsync("st-1", Tray, None);
        await store.Jobs.ApplyAsync("J1", JobCommand.Resume, None);
        var resumed = await store.Jobs.ClaimNextAsync("st-1", Tray, None);

        Assert.Equal((NoClaimReason.JobPaused, "J1"), (held.Reason!.Value, held.JobId));
        Assert.Equal("A1", resumed.Claim!.Serial);
    }

    [Fact]
    public async Task Cancel_ends_pending_serials_and_lets_the_claimed_one_finish()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2", "A3"), None);
        var claim = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;

        var cancelled = await store.Jobs.ApplyAsync("J1", JobCommand.Cancel, None);
        await store.Jobs.FinishAsync(claim, SerialState.Verified, None);
        var after = (await store.Jobs.FindAsync("J1", None))!;

        Assert.Equal((JobState.Cancelled, 2, 1), (cancelled.State, cancelled.Cancelled, cancelled.Engraving));
        Assert.Equal((JobState.Cancelled, 1, 2), (after.State, after.Verified, after.Cancelled));
        await Assert.ThrowsAsync<JobQueueException>(() => store.Jobs.ApplyAsync("J1", JobCommand.Resume, None));
    }

    [Fact]
    public async Task Full_tray_stops_claims_until_a_new_tray_is_loaded()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2", "A3"), None);

        var first = (await store.Jobs.ClaimNextAsync("st-1", slotCount: 2, None)).Claim!;
        var retry = await store.Jobs.ClaimRetryAsync(first, slotCount: 2, None);
        var full = await store.Jobs.ClaimNextAsync("st-1", slotCount: 2, None);
        await store.Jobs.ResetTrayAsync("st-1", None);
        var fresh = (await store.Jobs.ClaimNextAsync("st-1", slotCount: 2, None)).Claim!;

        Assert.Equal((2, 1), (retry!.Attempt, retry.Slot));
        Assert.Equal(NoClaimReason.TrayFull, full.Reason);
        Assert.Equal(("A2", 0), (fresh.Serial, fresh.Slot));
    }

    [Fact]
    public async Task Released_claim_is_pending_again_with_its_attempt_and_slot_given_back()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);
        var claim = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;

        await store.Jobs.ReleaseAsync(claim, None);
        var again = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;

        Assert.Equal(("A1", 1, 0), (again.Serial, again.Attempt, again.Slot));
    }

    [Fact]
    public async Task Requeued_claim_keeps_its_attempts_and_the_station_no_longer_holds_it()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);
        var claim = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;

        await store.Jobs.RequeueAsync(claim, None);
        var held = await store.Jobs.ListClaimsAsync("st-1", None);
        var again = (await store.Jobs.ClaimNextAsync("st-2", Tray, None)).Claim!;

        Assert.Empty(held);
        Assert.Equal(("A1", 2, "st-2"), (again.Serial, again.Attempt, again.Station));
    }

    [Fact]
    public async Task Claims_in_flight_are_listed_for_their_own_station_only()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2", "A3"), None);
        var mine = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        _ = (await store.Jobs.ClaimNextAsync("st-2", Tray, None)).Claim!;

        var listed = Assert.Single(await store.Jobs.ListClaimsAsync("st-1", None));

        Assert.Equal(mine, listed);
    }

    [Fact]
    public async Task Changing_a_claim_another_station_holds_is_refused()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);
        var claim = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;

        await Assert.ThrowsAsync<JobQueueException>(() => store.Jobs.FinishAsync(claim with { Station = "st-2" }, SerialState.Verified, None));
        Assert.Equal(1, (await store.Jobs.FindAsync("J1", None))!.Engraving);
    }

    [Fact]
    public async Task Stations_claiming_at_once_never_get_the_same_serial()
    {
        var serials = Enumerable.Range(1, 60).Select(i => $"S{i:D3}").ToArray();
        await using (var setup = await OpenStoreAsync())
        {
            await setup.Jobs.SubmitAsync(Job("J1", serials), None);
        }

        var stations = Enumerable.Range(1, 3).Select(async s =>
        {
            await using var store = await OpenStoreAsync();
            var taken = new List<string>();
            while (true)
            {
                var result = await store.Jobs.ClaimNextAsync($"st-{s}", Tray, None);
                if (result.Claim is null)
                {
                    if ((await store.Jobs.FindAsync("J1", None))!.Pending == 0)
                    {
                        return taken;
                    }

                    continue;
                }

                taken.Add(result.Claim.Serial);
                await store.Jobs.FinishAsync(result.Claim, SerialState.Verified, None);
            }
        }).ToList();
        var claimed = (await Task.WhenAll(stations)).SelectMany(t => t).ToList();

        Assert.Equal(serials.Order(StringComparer.Ordinal), claimed.Order(StringComparer.Ordinal));
        await using var check = await OpenStoreAsync();
        Assert.Equal(JobState.Finished, (await check.Jobs.FindAsync("J1", None))!.State);
    }
}
