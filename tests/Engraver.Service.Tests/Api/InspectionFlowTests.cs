using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engraver.Core.Station;
using Engraver.Service.Api;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>A pin that ends NeedsInspection on the service running the twin: it is shown in the status as the
/// inspection to do and as the last pin, and its resolution decides what becomes of its serial.</summary>
public class InspectionFlowTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_estop_mid_pin_shows_the_pin_as_the_inspection_to_do_and_as_the_last_pin()
    {
        await using var service = await StartAsync(maxAttempts: 2);
        var estopped = 0;
        service.Runtime.Loop!.Transitioned += t =>
        {
            if (t.To == StationState.Engraving && Interlocked.Exchange(ref estopped, 1) == 0)
            {
                _ = Task.Run(() => service.Client(ApiServiceFixture.OperatorKey).PostAsJsonAsync("/api/simulator/inputs/EStopOk", new { healthy = false }));
            }
        };

        await SubmitAsync(service, "ES0001-ES0002");
        var status = await StatusWithInspectionAsync(service);

        Assert.Equal(("ES0001", "ENGR", "MS1", 0, 1), (status.Inspection!.Serial, status.Inspection.Make, status.Inspection.Model, status.Inspection.Slot, status.Inspection.Attempt));
        Assert.False(string.IsNullOrWhiteSpace(status.Inspection.Reason));
        Assert.Equal(0, status.Inspection.MoreWaiting);
        Assert.Equal(("ES0001", "NeedsInspection"), (status.LastPin!.Serial, status.LastPin.Outcome));
        Assert.Equal(StationState.EStop.ToString(), status.State);
    }

    [Fact]
    public async Task A_pin_scrapped_at_inspection_is_engraved_again_on_a_fresh_slot_and_ends_verified_once()
    {
        await using var service = await StartAsync(maxAttempts: 2);
        var jobId = await InspectFirstPinAsync(service, "RQ0001");
        var first = Assert.Single(await service.Records.FindBySerialAsync("RQ0001", None)).Record;

        using var resolved = await ResolveAsync(service, "RQ0001", "Rejected");
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var result = (await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        Assert.Equal(("Pending", 1), (result.GetProperty("serialState").GetString(), result.GetProperty("attempts").GetInt32()));
        Assert.Null((await service.StatusAsync()).Inspection);

        await UnlockHomeAndStartAsync(service);
        await ApiServiceFixture.WaitUntilAsync(() => Job(service, jobId).State == JobState.Finished, "the job to run again and finish");

        var history = (await service.Records.FindBySerialAsync("RQ0001", None)).OrderBy(r => r.Sequence).Select(r => r.Record).ToList();
        Assert.Equal([PinOutcome.NeedsInspection, PinOutcome.Rejected, PinOutcome.Verified], history.Select(r => r.Outcome));
        Assert.Equal([1, 1, 2], history.Select(r => r.Attempt));
        Assert.NotEqual(first.Slot, history[^1].Slot);
        var job = Job(service, jobId);
        Assert.Equal((1, 1, 0, 0), (job.Total, job.Verified, job.Failed, job.NeedsInspection));
        Assert.Equal((2, 1, 3), (job.PinsUsed, job.PinsVerified, job.Records));
        var listed = (await service.Client(ApiServiceFixture.QaKey).GetFromJsonAsync<JsonElement>("/api/jobs")).EnumerateArray().Single(j => j.GetProperty("jobId").GetString() == jobId);
        Assert.Equal((2, 1, 3), (listed.GetProperty("pinsUsed").GetInt32(), listed.GetProperty("pinsVerified").GetInt32(), listed.GetProperty("records").GetInt32()));
    }

    [Fact]
    public async Task A_pin_scrapped_at_inspection_with_no_attempt_left_ends_its_serial_failed_and_listed_as_needing_a_new_pin()
    {
        await using var service = await StartAsync(maxAttempts: 1);
        var jobId = await InspectFirstPinAsync(service, "NP0001");

        using var resolved = await ResolveAsync(service, "NP0001", "Rejected");

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var job = Job(service, jobId);
        Assert.Equal((JobState.Finished, 1, 0), (job.State, job.Failed, job.Pending));
        Assert.Equal(["NP0001"], job.NeedNewPin);
        var listed = (await service.Client(ApiServiceFixture.QaKey).GetFromJsonAsync<JsonElement>("/api/jobs")).EnumerateArray().Single(j => j.GetProperty("jobId").GetString() == jobId);
        Assert.Equal("NP0001", Assert.Single(listed.GetProperty("needNewPin").EnumerateArray()).GetString());
        var status = await service.StatusAsync();
        Assert.Null(status.Inspection);
        Assert.Equal(["NP0001"], status.Job!.NeedNewPin);
        Assert.Equal(1, status.Job.Serials!.Failed);
        using var again = await ResolveAsync(service, "NP0001", "Verified");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private static async Task<ApiServiceFixture> StartAsync(int maxAttempts)
    {
        return await ApiServiceFixture.With(new Dictionary<string, string?>
        {
            ["Station:QueuePollMs"] = "50",
            ["Station:MaxAttemptsPerSerial"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).StartedAsync();
    }

    /// <summary>Queues one serial whose first pin stops with a controller alarm mid-mark: the pin ends NeedsInspection.</summary>
    private static async Task<string> InspectFirstPinAsync(ApiServiceFixture service, string serial)
    {
        var twin = service.Runtime.Rig!.Simulator!;
        // Past the positioning move's three lines, well into the mark.
        twin.Faults.AlarmAtLine(twin.LinesReceived + 12);
        var jobId = await SubmitAsync(service, serial);
        var status = await StatusWithInspectionAsync(service);
        Assert.Equal(serial, status.Inspection!.Serial);
        Assert.Equal(jobId, status.Inspection.JobId);
        return jobId;
    }

    private static async Task<string> SubmitAsync(ApiServiceFixture service, string serials)
    {
        using var body = new StringContent($"make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,{serials}\n", Encoding.UTF8, "text/csv");
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/jobs?name=inspect.csv", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("jobId").GetString()!;
    }

    private static async Task<StatusSnapshot> StatusWithInspectionAsync(ApiServiceFixture service)
    {
        StatusSnapshot? status = null;
        await ApiServiceFixture.WaitUntilAsync(() => (status = service.StatusAsync().GetAwaiter().GetResult()).Inspection is not null, "a pin waiting for inspection in the status");
        return status!;
    }

    private static Task<HttpResponseMessage> ResolveAsync(ApiServiceFixture service, string serial, string outcome) =>
        service.Client(ApiServiceFixture.SupervisorKey).PostAsJsonAsync($"/api/pins/{serial}/resolve", new { outcome, note = "checked under the microscope" });

    private static async Task UnlockHomeAndStartAsync(ApiServiceFixture service)
    {
        var client = service.Client(ApiServiceFixture.SupervisorKey);
        if (service.Runtime.Loop!.Snapshot.State == StationState.Alarm)
        {
            using var unlock = await client.PostAsync("/api/station/unlock", null);
            Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        }

        using var home = await client.PostAsync("/api/station/home", null);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var start = await client.PostAsync("/api/station/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
    }

    private static JobSummary Job(ApiServiceFixture service, string jobId) =>
        service.Records.Jobs.FindAsync(jobId, None).GetAwaiter().GetResult()!;
}
