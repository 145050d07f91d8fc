using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engraver.Core.Station;
using Engraver.Service.Api;
using Engraver.Service.Tests.Support;
using Engraver.Simulator.Grbl;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>The whole service on the twin with its cable pulled and plugged in again: the lost link is noticed
/// while idle and mid-pin, shown by /health and the status, replaced by itself, and nothing moves again until an
/// operator homes the machine and presses Start. Every wait is on a state the service reaches, with a generous limit.</summary>
public class ControllerLinkTests
{
    private const string HomeAction = "Home the machine (F6 / POST /api/station/home), then press Start (F11)";

    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_link_pulled_while_idle_is_noticed_before_any_serial_is_claimed_and_the_job_waits_for_home_after_the_reconnect()
    {
        await using var service = await StartAsync();
        var twin = service.Runtime.Devices!.Simulator!;
        var positionBefore = twin.MachinePosition;
        var burnsBefore = twin.BurnLogSnapshot().Count;

        twin.Unplug();
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.View().LinkDown is not null, "the lost link to be noticed", Generous);
        // The loss is posted to the station loop before it is shown: once the loop has caught up it is in effect.
        await service.Runtime.Loop!.SyncAsync(CancellationToken.None);

        var snapshot = service.Runtime.Loop!.Snapshot;
        Assert.True(snapshot.State is StationState.Disconnected or StationState.Connecting, $"state {snapshot.State}");
        Assert.False(snapshot.LaserEnable);
        var controller = await ControllerHealthAsync(service);
        Assert.Equal("Unhealthy", controller.GetProperty("status").GetString());
        var why = controller.GetProperty("description").GetString()!;
        Assert.Contains($"link to {twin.PortPath} lost at ", why, StringComparison.Ordinal);
        Assert.Contains("reconnecting", why, StringComparison.Ordinal);
        var status = await service.StatusAsync();
        Assert.Contains(status.State, new[] { "Disconnected", "Connecting" });
        Assert.Contains(HomeAction, status.NextAction, StringComparison.Ordinal);

        // The job queue and records stay open while the controller is away.
        var jobId = await SubmitAsync(service, "L0001-L0003");

        twin.Replug();
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Queue.Current.WaitingBecause?.Contains("not homed", StringComparison.Ordinal) == true,
            "the reconnected station to look at the queue and wait to be homed", Generous);

        var waiting = await service.StatusAsync();
        Assert.Equal(("Idle", false), (waiting.State, waiting.Homed));
        Assert.Equal(HomeAction, waiting.NextAction);
        var pending = (await service.Records.Jobs.FindAsync(jobId, CancellationToken.None))!;
        Assert.Equal((3, 0), (pending.Pending, pending.Engraving));
        Assert.Empty(await service.Records.ListPinsAsync(CancellationToken.None));
        Assert.Equal(positionBefore, twin.MachinePosition);
        Assert.Equal(burnsBefore, twin.BurnLogSnapshot().Count);
        Assert.Equal("Healthy", (await ControllerHealthAsync(service)).GetProperty("status").GetString());

        using var home = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/home", null);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Queue.Current.WaitingBecause?.Contains("not started", StringComparison.Ordinal) == true,
            "the homed station to wait for Start", Generous);
        var homedNotStarted = (await service.Records.Jobs.FindAsync(jobId, CancellationToken.None))!;
        Assert.Equal((3, 0), (homedNotStarted.Pending, homedNotStarted.Engraving));
        Assert.Equal(burnsBefore, twin.BurnLogSnapshot().Count);
        using var start = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        await WaitForJobAsync(service, jobId, JobState.Finished);

        var pins = await PinsOfAsync(service, jobId);
        Assert.Equal(["L0001", "L0002", "L0003"], pins.Select(p => p.Serial).Order());
        Assert.All(pins, p => Assert.Equal(PinOutcome.Verified, p.Outcome));
    }

    [Fact]
    public async Task A_link_pulled_mid_pin_leaves_that_pin_for_inspection_and_after_reconnect_and_home_the_job_ends_every_serial_once()
    {
        await using var service = await StartAsync(timeScale: "0.05");
        var twin = service.Runtime.Devices!.Simulator!;
        var serials = Enumerable.Range(1, 5).Select(i => $"M{i:D4}").ToArray();
        var burning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Runtime.Loop!.Transitioned += t =>
        {
            if (t.To == StationState.Engraving && service.Runtime.View().LastPin is not null)
            {
                burning.TrySetResult();
            }
        };

        var jobId = await SubmitAsync(service, "M0001-M0005");
        await burning.Task.WaitAsync(Generous);
        await UnplugOnceBurningAsync(twin);
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Records.Jobs.FindAsync(jobId, CancellationToken.None).GetAwaiter().GetResult()!.NeedsInspection == 1,
            "the pin in hand to be recorded for inspection", Generous);
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.View().LinkDown is not null, "the lost link to be shown", Generous);
        await service.Runtime.Loop.SyncAsync(CancellationToken.None);
        Assert.Contains(service.Runtime.Loop.Snapshot.State, new[] { StationState.Disconnected, StationState.Connecting });

        twin.Replug();
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Queue.Current.WaitingBecause?.Contains("not homed", StringComparison.Ordinal) == true,
            "the reconnected station to wait to be homed", Generous);
        var engravingBeforeHome = (await service.Records.Jobs.FindAsync(jobId, CancellationToken.None))!.Engraving;
        Assert.Equal(0, engravingBeforeHome);

        using var home = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/home", null);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var start = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        await WaitForJobAsync(service, jobId, JobState.Finished);

        var pins = await PinsOfAsync(service, jobId);
        Assert.Equal(serials, pins.Select(p => p.Serial).Order());
        var cut = Assert.Single(pins, p => p.Outcome == PinOutcome.NeedsInspection);
        Assert.False(string.IsNullOrWhiteSpace(cut.Reason));
        Assert.All(pins.Where(p => p != cut), p => Assert.Equal(PinOutcome.Verified, p.Outcome));
        Assert.Equal(pins.Count, pins.Select(p => p.Slot).Distinct().Count());
    }

    [Fact]
    public async Task A_controller_that_stops_answering_counts_as_a_lost_link_and_is_reconnected_when_it_answers_again()
    {
        await using var service = await StartAsync();
        var twin = service.Runtime.Devices!.Simulator!;

        twin.LinkFaults.Silent = true;
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.View().LinkDown is not null, "the silence to count as a lost link", Generous);
        Assert.Contains("no status report", service.Runtime.View().LinkDown!.LostBecause, StringComparison.Ordinal);

        twin.LinkFaults.Silent = false;
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Runtime.Loop!.Snapshot is { State: StationState.Idle, HomedSinceReset: false } && service.Runtime.Rig is not null,
            "the station to reconnect and wait to be homed", Generous);
    }

    [Fact]
    public async Task A_home_that_ends_in_a_controller_alarm_leaves_the_station_in_alarm_not_homing()
    {
        await using var service = await StartAsync();
        service.Runtime.Devices!.Simulator!.Faults.FailNextHoming();

        using var home = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/home", null);

        Assert.Equal(HttpStatusCode.Conflict, home.StatusCode);
        await service.Runtime.Loop!.SyncAsync(CancellationToken.None);
        Assert.Equal(StationState.Alarm, service.Runtime.Loop.Snapshot.State);
        var status = await service.StatusAsync();
        Assert.Contains("Unlock", status.NextAction, StringComparison.Ordinal);
        Assert.StartsWith("Failed:", (await service.CommandsAsync())[^1].Record.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_home_request_whose_client_goes_away_still_homes_the_station()
    {
        await using var service = await StartAsync(timeScale: "0.5");
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        using var hangUp = new CancellationTokenSource();
        var homed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Runtime.Loop!.Transitioned += t =>
        {
            if (t.To == StationState.Homing)
            {
                hangUp.Cancel();
            }
            else if (t is { From: StationState.Homing, To: StationState.Idle, Trigger: StationTrigger.Homed })
            {
                homed.TrySetResult();
            }
        };

        var homesBefore = (await service.CommandsAsync()).Count(c => c.Record.Command == "home");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostAsync("/api/station/home", null, hangUp.Token));

        await homed.Task.WaitAsync(Generous);
        await service.Runtime.Loop.SyncAsync(CancellationToken.None);
        Assert.True(service.Runtime.Loop.Snapshot.HomedSinceReset);
        await ApiServiceFixture.WaitUntilAsync(
            () => service.CommandsAsync().GetAwaiter().GetResult().Count(c => c.Record.Command == "home" && c.Record.Outcome == "Accepted") > homesBefore,
            "the home command in the command log", Generous);
    }

    private static async Task<ApiServiceFixture> StartAsync(string timeScale = "0")
    {
        return await ApiServiceFixture.With(new Dictionary<string, string?>
        {
            ["Station:QueuePollMs"] = "50",
            ["Controller:ResponseTimeoutMs"] = "1500",
            ["Controller:ReconnectDelayMs"] = "100",
            ["Controller:ReconnectMaxDelayMs"] = "400",
            ["Controller:SimulatorTimeScale"] = timeScale,
        }).StartedAsync();
    }

    private static async Task UnplugOnceBurningAsync(GrblSimulator twin)
    {
        var before = twin.BurnLogSnapshot().Count;
        using var limit = new CancellationTokenSource(Generous);
        while (twin.BurnLogSnapshot().Count < before + 5)
        {
            await Task.Delay(1, limit.Token);
        }

        twin.Unplug();
    }

    private static async Task<JsonElement> ControllerHealthAsync(ApiServiceFixture service)
    {
        using var response = await service.Client(key: null).GetAsync("/health");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        return health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "controller");
    }

    private static async Task<string> SubmitAsync(ApiServiceFixture service, string serials)
    {
        using var content = new StringContent($"make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,{serials}\n", Encoding.UTF8, "text/csv");
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/jobs?name=link.csv", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("jobId").GetString()!;
    }

    private static Task WaitForJobAsync(ApiServiceFixture service, string jobId, JobState state) =>
        ApiServiceFixture.WaitUntilAsync(
            () => service.Records.Jobs.FindAsync(jobId, CancellationToken.None).GetAwaiter().GetResult()!.State == state, $"job {jobId} to be {state}", Generous);

    /// <summary>The last record of each serial of the job; fails when a serial has two ending records.</summary>
    private static async Task<IReadOnlyList<PinRecord>> PinsOfAsync(ApiServiceFixture service, string jobId)
    {
        var rows = (await service.Records.ListPinsAsync(CancellationToken.None)).Select(r => r.Record).Where(r => r.JobId == jobId).ToList();
        foreach (var serial in rows.GroupBy(r => r.Serial))
        {
            Assert.Single(serial, r => r.Outcome is PinOutcome.Verified or PinOutcome.NeedsInspection);
        }

        return [.. rows.GroupBy(r => r.Serial).Select(g => g.Last())];
    }
}
