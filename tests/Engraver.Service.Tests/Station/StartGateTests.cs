using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engraver.Core.Station;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>The whole service on the twin, started as after a power cut or a crash: it connects and waits. Nothing
/// moves until an operator homes the machine, no pin is taken until they press Start, the e-stop's reset leads
/// back to that same wait, and every record names who pressed Start. Every wait is on a state the service reaches.</summary>
public class StartGateTests
{
    internal static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_started_service_sends_no_homing_or_motion_and_takes_no_pin_until_home_and_then_start()
    {
        await using var service = await StartAsync();
        var twin = service.Runtime.Devices!.Simulator!;
        var jobId = await SubmitAsync(service, ApiServiceFixture.OperatorKey, "G0001-G0002");
        await WaitForQueueAsync(service, "not homed");

        var waiting = await service.StatusAsync();
        Assert.Equal(("Idle", false, false), (waiting.State, waiting.Homed, waiting.Started));
        Assert.Equal(StationActions.Home, waiting.NextAction);
        // The twin powered up locked for homing: still locked ($H never came), no G-code line, no burn.
        Assert.Equal("Alarm", twin.State);
        Assert.Equal(0, twin.LinesReceived);
        Assert.Empty(twin.BurnLogSnapshot());
        Assert.Equal(2, (await JobAsync(service, jobId)).Pending);

        using var home = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/home", null);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        await WaitForQueueAsync(service, "not started");

        var homed = await service.StatusAsync();
        Assert.Equal(("Idle", true, false), (homed.State, homed.Homed, homed.Started));
        Assert.Equal(StationActions.Start, homed.NextAction);
        Assert.Contains("F11 / POST /api/station/start", service.Queue.Current.WaitingBecause, StringComparison.Ordinal);
        Assert.Equal(0, twin.LinesReceived);
        Assert.Empty(twin.BurnLogSnapshot());
        var pending = await JobAsync(service, jobId);
        Assert.Equal((2, 0, JobState.Queued), (pending.Pending, pending.Engraving, pending.State));

        using var start = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        await WaitForJobAsync(service, jobId, JobState.Finished);
        Assert.Equal(2, (await JobAsync(service, jobId)).Verified);
    }

    [Fact]
    public async Task Every_record_names_the_user_who_pressed_start_not_who_submitted_the_job()
    {
        await using var service = await StartAsync();
        using var supervisor = service.Client(ApiServiceFixture.SupervisorKey);
        using var home = await supervisor.PostAsync("/api/station/home", null);
        using var start = await supervisor.PostAsync("/api/station/start", null);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (home.StatusCode, start.StatusCode));

        var jobId = await SubmitAsync(service, ApiServiceFixture.OperatorKey, "W0001-W0002");
        await WaitForJobAsync(service, jobId, JobState.Finished);

        var pins = (await service.Records.ListPinsAsync(CancellationToken.None)).Select(r => r.Record).Where(r => r.JobId == jobId).ToList();
        Assert.Equal(2, pins.Count);
        Assert.All(pins, p => Assert.Equal("sue", p.Operator));
        var started = (await service.CommandsAsync()).Last(c => c.Record.Command == "start").Record;
        Assert.Equal(("sue", "Accepted"), (started.User, started.Outcome));
    }

    [Fact]
    public async Task Start_and_reset_in_the_wrong_state_are_409_with_the_reason_and_logged_refused()
    {
        await using var service = await StartAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);

        using var start = await client.PostAsync("/api/station/start", null);
        using var reset = await client.PostAsync("/api/station/reset", null);

        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Contains("not homed", await DetailAsync(start), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, reset.StatusCode);
        Assert.Contains("no e-stop to reset", await DetailAsync(reset), StringComparison.Ordinal);
        var commands = await service.CommandsAsync();
        Assert.StartsWith("Refused: ", commands.Last(c => c.Record.Command == "start").Record.Outcome, StringComparison.Ordinal);
        Assert.StartsWith("Refused: ", commands.Last(c => c.Record.Command == "reset-estop").Record.Outcome, StringComparison.Ordinal);
        Assert.False(service.Runtime.Loop!.Snapshot.Started);
        using var qa = await service.Client(ApiServiceFixture.QaKey).PostAsync("/api/station/start", null);
        Assert.Equal(HttpStatusCode.Forbidden, qa.StatusCode);
    }

    [Fact]
    public async Task An_estop_mid_pin_leaves_it_for_inspection_and_after_release_reset_home_and_start_the_job_continues()
    {
        await using var service = await StartAsync(timeScale: "0.05");
        var twin = service.Runtime.Devices!.Simulator!;
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        await service.HomeAndStartAsync();
        var burning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Runtime.Loop!.Transitioned += t =>
        {
            if (t.To == StationState.Engraving)
            {
                burning.TrySetResult();
            }
        };

        var jobId = await SubmitAsync(service, ApiServiceFixture.OperatorKey, "E0001-E0004");
        await burning.Task.WaitAsync(Generous);
        using (var press = await client.PostAsJsonAsync("/api/simulator/inputs/EStopOk", new { healthy = false }))
        {
            Assert.Equal(HttpStatusCode.OK, press.StatusCode);
        }

        await ApiServiceFixture.WaitUntilAsync(() => JobAsync(service, jobId).GetAwaiter().GetResult().NeedsInspection == 1, "the pin in hand to need inspection", Generous);
        Assert.Equal(StationState.EStop, service.Runtime.Loop.Snapshot.State);
        using (var whilePressed = await client.PostAsync("/api/station/reset", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, whilePressed.StatusCode);
            Assert.Contains("still pressed", await DetailAsync(whilePressed), StringComparison.Ordinal);
        }

        Assert.Equal(StationActions.ReleaseEStop, (await service.StatusAsync()).NextAction);
        using (var release = await client.PostAsJsonAsync("/api/simulator/inputs/EStopOk", new { healthy = true }))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop.Snapshot.Interlocks.EStopReleased, "the e-stop to read released", Generous);
        Assert.Equal(StationActions.ResetEStop, (await service.StatusAsync()).NextAction);
        using (var reset = await client.PostAsync("/api/station/reset", null))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        await WaitForQueueAsync(service, "not homed");
        var afterReset = await service.StatusAsync();
        Assert.Equal(("Idle", false, false), (afterReset.State, afterReset.Homed, afterReset.Started));
        // The reset soft-reset the controller: nothing it had queued runs, and nothing new was sent.
        var burns = twin.BurnLogSnapshot().Count;
        Assert.Equal(0, twin.LinesReceived);
        var waitingJob = await JobAsync(service, jobId);
        Assert.Equal(0, waitingJob.Engraving);

        await service.HomeAndStartAsync();
        await WaitForJobAsync(service, jobId, JobState.Finished);

        var done = await JobAsync(service, jobId);
        Assert.Equal((4, 1, 3), (done.Finished, done.NeedsInspection, done.Verified));
        Assert.True(twin.BurnLogSnapshot().Count > burns);
    }

    internal static async Task<ApiServiceFixture> StartAsync(string timeScale = "0", IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Station:QueuePollMs"] = "50",
            ["Controller:SimulatorTimeScale"] = timeScale,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await ApiServiceFixture.Unstarted(settings).StartedAsync();
    }

    internal static async Task<string> SubmitAsync(ApiServiceFixture service, string key, string serials)
    {
        using var content = new StringContent($"make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,{serials}\n", Encoding.UTF8, "text/csv");
        using var response = await service.Client(key).PostAsync($"/api/jobs?name=gate-{serials[..5]}.csv", content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("jobId").GetString()!;
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();

    private static async Task<JobSummary> JobAsync(ApiServiceFixture service, string jobId) =>
        (await service.Records.Jobs.FindAsync(jobId, CancellationToken.None))!;

    private static Task WaitForQueueAsync(ApiServiceFixture service, string why) =>
        ApiServiceFixture.WaitUntilAsync(
            () => service.Queue.Current.WaitingBecause?.Contains(why, StringComparison.Ordinal) == true, $"the queue to wait: {why}", Generous);

    internal static Task WaitForJobAsync(ApiServiceFixture service, string jobId, JobState state) =>
        ApiServiceFixture.WaitUntilAsync(
            () => service.Records.Jobs.FindAsync(jobId, CancellationToken.None).GetAwaiter().GetResult()!.State == state, $"job {jobId} to be {state}", Generous);
}
