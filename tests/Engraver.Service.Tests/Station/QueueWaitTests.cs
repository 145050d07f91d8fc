using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engraver.Service.Api;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Jobs;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>The whole service waiting for a person (a full tray, a paused job, a paused station, an e-stop):
/// the status and /health say so with the way out, and the queue, polled every 20 ms, writes a line when the
/// reason changes and takes no serial while it waits. Runs alone, as it reads the service's log (see
/// <see cref="AloneCollection"/>).</summary>
[Collection(AloneCollection.Name)]
public class QueueWaitTests
{
    // 20 ms polls: a window of 1.5 s is about 75 polls, what a minute and a half of the default would be.
    private static readonly TimeSpan ManyPolls = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_full_tray_is_amber_says_replace_the_tray_logs_once_and_claims_nothing_while_it_waits()
    {
        await using var service = await StartAsync(("Fixture:Rows", "1"), ("Fixture:Columns", "2"));
        var station = (await service.StatusAsync()).Station;
        var jobs = service.Records.Jobs;
        await PauseStationAsync(service);
        await jobs.SubmitAsync(Job("J-full", "T0001", "T0002", "T0003"), CancellationToken.None);
        // Both slots of the two-slot tray are used already.
        for (var i = 0; i < 2; i++)
        {
            var claim = (await jobs.ClaimNextAsync(station, 2, CancellationToken.None)).Claim!;
            await jobs.FinishAsync(claim, SerialState.Failed, CancellationToken.None);
        }

        var before = service.LogLines().Count;
        await ResumeStationAsync(service);
        await ApiServiceFixture.WaitUntilAsync(() => service.Queue.Current.WaitingBecause == "the tray is full", "the queue to find the tray full", Generous);
        await Task.Delay(ManyPolls);

        var written = service.LogLines().Skip(before).Where(l => !l.Contains(Checkpoint.Marker, StringComparison.Ordinal)).ToList();
        Assert.True(written.Count <= 3, $"{written.Count} log lines while waiting:\n{string.Join('\n', written)}");
        Assert.Single(written, line => line.Contains("the tray is full", StringComparison.Ordinal));
        var status = await service.StatusAsync();
        Assert.Equal(("Idle", StationLight.Amber, "the tray is full"), (status.State, status.Light, status.Reason));
        Assert.Equal(StationActions.ReplaceTray, status.NextAction);
        Assert.Empty(await jobs.ListClaimsAsync(station, CancellationToken.None));
        Assert.Equal(1, (await jobs.FindAsync("J-full", CancellationToken.None))!.Total - (await jobs.FindAsync("J-full", CancellationToken.None))!.Finished);
        var check = await HealthCheckAsync(service, "station");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("Replace the tray", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_job_is_amber_says_resume_the_job_and_logs_once()
    {
        await using var service = await StartAsync();
        var jobs = service.Records.Jobs;
        await PauseStationAsync(service);
        await jobs.SubmitAsync(Job("J-held", "P0001", "P0002"), CancellationToken.None);
        await jobs.ApplyAsync("J-held", JobCommand.Pause, CancellationToken.None);

        var before = service.LogLines().Count;
        await ResumeStationAsync(service);
        await ApiServiceFixture.WaitUntilAsync(() => service.Queue.Current.WaitingBecause == "job J-held is paused", "the queue to find the job paused", Generous);
        await Task.Delay(ManyPolls);

        var written = service.LogLines().Skip(before).Where(l => !l.Contains(Checkpoint.Marker, StringComparison.Ordinal)).ToList();
        Assert.True(written.Count <= 3, $"{written.Count} log lines while waiting:\n{string.Join('\n', written)}");
        var status = await service.StatusAsync();
        Assert.Equal((StationLight.Amber, "job J-held is paused"), (status.Light, status.Reason));
        Assert.Equal("Resume job J-held (F4 / POST /api/jobs/J-held/resume)", status.NextAction);
        Assert.Equal(0, (await jobs.FindAsync("J-held", CancellationToken.None))!.Finished);
    }

    [Fact]
    public async Task A_paused_station_is_amber_in_the_status_and_degraded_in_health_and_logs_once()
    {
        await using var service = await StartAsync();

        var before = service.LogLines().Count;
        await PauseStationAsync(service);
        await ApiServiceFixture.WaitUntilAsync(() => service.Queue.Current.WaitingBecause == "the station is Paused", "the queue to see the pause", Generous);
        await Task.Delay(ManyPolls);

        var written = service.LogLines().Skip(before).Where(l => !l.Contains(Checkpoint.Marker, StringComparison.Ordinal)).ToList();
        Assert.True(written.Count <= 3, $"{written.Count} log lines while waiting:\n{string.Join('\n', written)}");
        var status = await service.StatusAsync();
        Assert.Equal(("Paused", StationLight.Amber, StationActions.ResumeStation), (status.State, status.Light, status.NextAction));
        using var health = await service.Client(key: null).GetAsync("/health");
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reconnected_station_waiting_to_be_homed_with_a_job_queued_logs_once_and_claims_nothing()
    {
        await using var service = await StartAsync(
            ("Controller:ResponseTimeoutMs", "1500"), ("Controller:ReconnectDelayMs", "100"), ("Controller:ReconnectMaxDelayMs", "400"));
        var station = (await service.StatusAsync()).Station;
        var twin = service.Runtime.Devices!.Simulator!;
        twin.Unplug();
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.View().LinkDown is not null, "the lost link to be noticed", Generous);
        await service.Records.Jobs.SubmitAsync(Job("J-home", "N0001", "N0002"), CancellationToken.None);

        twin.Replug();
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Queue.Current.WaitingBecause?.Contains("not homed", StringComparison.Ordinal) == true, "the station to wait to be homed", Generous);
        var before = service.LogLines().Count;
        await Task.Delay(ManyPolls);

        var written = service.LogLines().Skip(before).Where(l => !l.Contains(Checkpoint.Marker, StringComparison.Ordinal)).ToList();
        Assert.True(written.Count <= 3, $"{written.Count} log lines while waiting:\n{string.Join('\n', written)}");
        Assert.Empty(await service.Records.Jobs.ListClaimsAsync(station, CancellationToken.None));
        var status = await service.StatusAsync();
        Assert.Equal((StationLight.Amber, StationActions.Home), (status.Light, status.NextAction));
        var check = await HealthCheckAsync(service, "station");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_pressed_e_stop_is_red_and_unhealthy_and_amber_once_released_waiting_for_the_reset()
    {
        await using var service = await StartAsync();
        var client = service.Client(ApiServiceFixture.OperatorKey);

        using var press = await client.PostAsJsonAsync("/api/simulator/inputs/EStopOk", new { healthy = false });
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.State == Core.Station.StationState.EStop, "the e-stop to stop the station", Generous);
        var pressed = await service.StatusAsync();
        using var health = await service.Client(key: null).GetAsync("/health");
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        var station = await HealthCheckAsync(service, "station");
        using var release = await client.PostAsJsonAsync("/api/simulator/inputs/EStopOk", new { healthy = true });
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.Interlocks.EStopReleased, "the e-stop to read released", Generous);
        var released = await service.StatusAsync();

        Assert.Equal(HttpStatusCode.OK, press.StatusCode);
        Assert.Equal(StationLight.Red, pressed.Light);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", station.GetProperty("status").GetString());
        Assert.StartsWith("EStop: e-stop pressed", station.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(("EStop", StationLight.Amber), (released.State, released.Light));
        Assert.NotNull(released.NextAction);
    }

    [Fact]
    public async Task A_station_ready_with_an_empty_queue_is_green_and_healthy_and_says_it_is_simulated()
    {
        await using var service = await StartAsync();
        await ApiServiceFixture.WaitUntilAsync(() => service.Queue.Current.WaitingBecause == QueueStatus.QueueEmpty, "the queue to be looked at", Generous);

        var status = await service.StatusAsync();
        var health = await service.Client(key: null).GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal((StationLight.Green, (string?)null), (status.Light, status.NextAction));
        Assert.Equal(["controller", "camera", "io"], status.SimulatedDevices);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var camera = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "camera");
        Assert.StartsWith("simulated camera", camera.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static JobSubmission Job(string id, params string[] serials) =>
        new(id, "ENGR", "MS1", "L", "default", serials, id + ".csv", "test", DateTimeOffset.UtcNow);

    private static async Task PauseStationAsync(ApiServiceFixture service)
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/pause", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.State == Core.Station.StationState.Paused, "the station to pause", Generous);
    }

    private static async Task ResumeStationAsync(ApiServiceFixture service)
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/station/resume", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> HealthCheckAsync(ApiServiceFixture service, string name)
    {
        using var response = await service.Client(key: null).GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
    }

    private static async Task<ApiServiceFixture> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Station:QueuePollMs"] = "20",
            ["Serilog:MinimumLevel:Default"] = "Information",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return await ApiServiceFixture.With(settings).StartedAsync();
    }
}
