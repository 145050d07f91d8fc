using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>A serial whose pin waited for inspection, settled by the resolution; and the job's counts of
/// serials, pins and records.</summary>
public abstract partial class RecordStoreContractTests
{
    private static PinRecord PinOf(SerialClaim claim, PinOutcome outcome) => SampleRecords.Full with
    {
        Serial = claim.Serial,
        JobId = claim.JobId,
        Slot = claim.Slot,
        Attempt = claim.Attempt,
        Outcome = outcome,
        Reason = outcome == PinOutcome.Verified ? null : "e-stop pressed mid-pin",
    };

    private static async Task<SerialClaim> InspectAsync(IRecordStore store, string station = "st-1")
    {
        var claim = (await store.Jobs.ClaimNextAsync(station, Tray, None)).Claim!;
        await store.AppendPinAsync(PinOf(claim, PinOutcome.NeedsInspection), None);
        await store.Jobs.FinishAsync(claim, SerialState.NeedsInspection, None);
        return claim;
    }

    [Fact]
    public async Task Scrapped_pin_with_attempts_left_puts_its_serial_back_and_a_finished_job_runs_again()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);
        var first = await InspectAsync(store);
        Assert.Equal(JobState.Finished, (await store.Jobs.FindAsync("J1", None))!.State);

        var settled = await store.Jobs.SettleInspectionAsync("J1", "A1", verified: false, maxAttemptsPerSerial: 3, None);
        var again = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;

        Assert.Equal((SerialState.Pending, 1, JobState.Queued), (settled!.State, settled.Attempts, settled.JobState));
        Assert.Equal(("A1", 2), (again.Serial, again.Attempt));
        Assert.NotEqual(first.Slot, again.Slot);
        Assert.Equal(JobState.Running, (await store.Jobs.FindAsync("J1", None))!.State);
    }

    [Fact]
    public async Task Scrapped_pin_with_no_attempt_left_ends_failed_and_is_listed_as_needing_a_new_pin()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2"), None);
        var done = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        await store.AppendPinAsync(PinOf(done, PinOutcome.Verified), None);
        await store.Jobs.FinishAsync(done, SerialState.Verified, None);
        await InspectAsync(store);

        var settled = await store.Jobs.SettleInspectionAsync("J1", "A2", verified: false, maxAttemptsPerSerial: 1, None);
        var job = (await store.Jobs.FindAsync("J1", None))!;

        Assert.Equal(SerialState.Failed, settled!.State);
        Assert.Equal((JobState.Finished, 1, 1, 0), (job.State, job.Verified, job.Failed, job.NeedsInspection));
        Assert.Equal(["A2"], job.NeedNewPin);
        Assert.Equal(["A2"], Assert.Single(await store.Jobs.ListAsync(None)).NeedNewPin);
    }

    [Fact]
    public async Task Verified_at_inspection_ends_the_serial_once()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);
        await InspectAsync(store);

        var settled = await store.Jobs.SettleInspectionAsync("J1", "A1", verified: true, maxAttemptsPerSerial: 3, None);
        var twice = await store.Jobs.SettleInspectionAsync("J1", "A1", verified: false, maxAttemptsPerSerial: 3, None);

        Assert.Equal((SerialState.Verified, JobState.Finished), (settled!.State, settled.JobState));
        Assert.Null(twice);
        Assert.Equal(1, (await store.Jobs.FindAsync("J1", None))!.Verified);
    }

    [Fact]
    public async Task Of_twenty_concurrent_resolutions_of_one_pin_from_four_connections_exactly_one_is_written()
    {
        await using var setup = await OpenStoreAsync();
        await setup.Jobs.SubmitAsync(Job("J1", "A1"), None);
        var claim = await InspectAsync(setup);
        var stores = new List<IRecordStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await OpenStoreAsync());
        }

        try
        {
            using var go = new ManualResetEventSlim();
            var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
            {
                go.Wait();
                var resolution = PinOf(claim, i % 2 == 0 ? PinOutcome.Verified : PinOutcome.Rejected) with { Reason = $"resolution {i}" };
                try
                {
                    await stores[i % stores.Count].AppendResolutionAsync(resolution, None);
                    return true;
                }
                catch (InspectionNotOpenException refused)
                {
                    // Refused because another resolution was written first.
                    Assert.Equal("A1", refused.Serial);
                    Assert.NotEqual(PinOutcome.NeedsInspection, refused.Latest);
                    return false;
                }
            })).ToList();
            go.Set();
            var written = await Task.WhenAll(attempts);

            Assert.Equal(1, written.Count(w => w));
            var history = await setup.FindBySerialAsync("A1", None);
            Assert.Equal(2, history.Count);
            Assert.Equal(PinOutcome.NeedsInspection, history[0].Record.Outcome);
            Assert.True((await setup.VerifyChainAsync(None)).Intact);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Resolution_of_a_serial_with_no_pin_waiting_is_refused_and_not_written()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Verified("A1"), None);

        var resolved = await Assert.ThrowsAsync<InspectionNotOpenException>(() => store.AppendResolutionAsync(SampleRecords.Rejected("A1"), None));
        var none = await Assert.ThrowsAsync<InspectionNotOpenException>(() => store.AppendResolutionAsync(SampleRecords.Rejected("ZZ"), None));

        Assert.Equal((PinOutcome.Verified, (PinOutcome?)null), (resolved.Latest, none.Latest));
        Assert.Single(await store.ListPinsAsync(None));
    }

    [Fact]
    public async Task Serial_not_waiting_for_inspection_is_not_settled()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1"), None);

        Assert.Null(await store.Jobs.SettleInspectionAsync("J1", "A1", verified: true, maxAttemptsPerSerial: 3, None));
        Assert.Null(await store.Jobs.SettleInspectionAsync("J1", "ZZ", verified: true, maxAttemptsPerSerial: 3, None));
        Assert.Equal(1, (await store.Jobs.FindAsync("J1", None))!.Pending);
    }

    [Fact]
    public async Task Job_counts_pins_and_records_apart_from_serials()
    {
        await using var store = await OpenStoreAsync();
        await store.Jobs.SubmitAsync(Job("J1", "A1", "A2"), None);
        // A1: rejected, then verified on a second pin. A2: needs inspection, scrapped, verified on a second pin.
        var a1 = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        await store.AppendPinAsync(PinOf(a1, PinOutcome.Rejected), None);
        a1 = (await store.Jobs.ClaimRetryAsync(a1, Tray, None))!;
        await store.AppendPinAsync(PinOf(a1, PinOutcome.Verified), None);
        await store.Jobs.FinishAsync(a1, SerialState.Verified, None);
        var a2 = await InspectAsync(store);
        await store.AppendPinAsync(PinOf(a2, PinOutcome.Rejected), None);
        await store.Jobs.SettleInspectionAsync("J1", "A2", verified: false, maxAttemptsPerSerial: 3, None);
        a2 = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        await store.AppendPinAsync(PinOf(a2, PinOutcome.Verified), None);
        await store.Jobs.FinishAsync(a2, SerialState.Verified, None);

        var job = (await store.Jobs.FindAsync("J1", None))!;

        Assert.Equal((2, 2), (job.Total, job.Verified));
        Assert.Equal((4, 2, 5), (job.PinsUsed, job.PinsVerified, job.Records));
        Assert.Empty(job.NeedNewPin);
    }

    [Fact]
    public async Task Serials_whose_latest_record_needs_inspection_are_listed_oldest_first()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendPinAsync(SampleRecords.Full with { Serial = "B1", Outcome = PinOutcome.NeedsInspection }, None);
        await store.AppendPinAsync(SampleRecords.Full with { Serial = "A1", Outcome = PinOutcome.NeedsInspection }, None);
        await store.AppendPinAsync(SampleRecords.Full with { Serial = "C1", Outcome = PinOutcome.NeedsInspection }, None);
        await store.AppendPinAsync(SampleRecords.Full with { Serial = "C1", Outcome = PinOutcome.Rejected }, None);
        await store.AppendPinAsync(SampleRecords.Verified("D1"), None);

        var waiting = await AwaitingInspection.ListAsync(store, None);

        Assert.Equal(["B1", "A1"], waiting.Select(r => r.Serial));
    }
}
