using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests.Firmware;

/// <summary>The service process on the real GRBL firmware (tools/grbl-peer), whose process is stopped (the cable
/// pulled) and started again on the same port, while idle and mid-pin. The service notices, claims nothing while
/// the link is down, reconnects by itself, waits without moving for the operator to home, and then finishes the
/// job; the pin in hand when the link went is recorded NeedsInspection.</summary>
[Collection(GrblFirmwareCollection.Name)]
public sealed class FirmwareLinkTests
{
    private const string Key = "operator-key-link-0002";
    private const string HomeAction = "Home the machine (F6 / POST /api/station/home)";
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_link_pulled_while_idle_and_mid_pin_is_noticed_nothing_is_claimed_while_down_and_after_homing_the_job_finishes()
    {
        await using var peer = await GrblPeer.StartAsync();
        using var folder = new TempFolder();
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        var data = Path.Combine(folder.Path, "data");
        using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = data,
            ["Station:QueuePollMs"] = "100",
            ["Controller:Port"] = peer.PortPath,
            ["Controller:ResponseTimeoutMs"] = "5000",
            ["Controller:ReconnectDelayMs"] = "200",
            ["Controller:ReconnectMaxDelayMs"] = "1000",
            ["Camera:ExecutedLogPath"] = peer.ExecutedLogPath,
            ["Api:Urls"] = url,
            ["Api:Users:0:Id"] = "alice",
            ["Api:Users:0:Role"] = "Operator",
            ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(Key, iterations: 10_000).ToString(),
        });
        using var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, Key);
        await WaitForAsync(api, service, s => s.State == "Idle" && s.Homed && s.Started, "the service to connect and be homed and started");

        // Pulled while idle, and a job submitted while it is down: nothing is claimed.
        await peer.StopAsync();
        await WaitForControllerCheckAsync(api, service, "Unhealthy");
        var jobId = await SubmitAsync(api, "FWL0001-FWL0004");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whileDown = await StatusAsync(api);
        Assert.Contains(whileDown.State, new[] { "Disconnected", "Connecting" });
        Assert.Contains("reconnect", whileDown.NextAction, StringComparison.Ordinal);
        Assert.True(whileDown.Job is null or { Finished: 0 }, $"nothing ends while the link is down: {whileDown.Job}");

        await peer.StartAgainAsync();
        var back = await WaitForAsync(api, service, s => s.State == "Idle" && s.Controller is { Connected: true, State: not null }, "the service to reconnect");
        Assert.False(back.Homed);
        Assert.Equal("Alarm", back.Controller!.State);
        await HomeAndStartAsync(api);

        // Pulled mid-pin: that pin needs inspection; after a reconnect, a home and a start the job goes on.
        await WaitForAsync(api, service, s => s.State == "Engraving", "a pin to be engraved");
        await peer.StopAsync();
        await WaitForControllerCheckAsync(api, service, "Unhealthy");
        await peer.StartAgainAsync();
        await WaitForAsync(api, service, s => s.State == "Idle" && s.Controller is { Connected: true, State: not null } && !s.Homed, "the service to reconnect again");
        await HomeAndStartAsync(api);
        await WaitForAsync(api, service, s => s.Job is { } job && job.JobId == jobId && job.Finished == job.Total, "the job to finish");

        await using var store = await SqliteRecordStore.OpenAsync(Path.Combine(data, "records.db"), CancellationToken.None);
        var pins = (await store.ListPinsAsync(CancellationToken.None)).Select(p => p.Record).Where(p => p.JobId == jobId).ToList();
        var ended = pins.GroupBy(p => p.Serial, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Attempt).Last());
        Assert.Equal(4, ended.Count);
        var inspected = Assert.Single(ended.Values, p => p.Outcome == PinOutcome.NeedsInspection);
        Assert.All(ended.Values.Where(p => p != inspected), p => Assert.Equal(PinOutcome.Verified, p.Outcome));
        Assert.Equal(pins.Count, pins.Select(p => p.Slot).Distinct().Count());
        Assert.True((await store.VerifyChainAsync(CancellationToken.None)).Intact);
    }

    private static async Task<string> SubmitAsync(HttpClient api, string serials)
    {
        using var body = new StringContent($"make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-LINK,default,{serials}\n", Encoding.UTF8, "text/csv");
        using var response = await api.PostAsync("/api/jobs?name=link.csv", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("result").GetProperty("jobId").GetString()!;
    }

    private static async Task HomeAndStartAsync(HttpClient api)
    {
        using var home = await api.PostAsync("/api/station/home", null);
        Assert.True(home.StatusCode == HttpStatusCode.OK, await home.Content.ReadAsStringAsync());
        using var start = await api.PostAsync("/api/station/start", null);
        Assert.True(start.StatusCode == HttpStatusCode.OK, await start.Content.ReadAsStringAsync());
    }

    private static async Task<StatusSnapshot> StatusAsync(HttpClient api) => (await api.GetFromJsonAsync<StatusSnapshot>("/api/status"))!;

    private static async Task<StatusSnapshot> WaitForAsync(HttpClient api, ServiceProcess service, Func<StatusSnapshot, bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(Generous);
        while (true)
        {
            Assert.False(service.HasExited, service.Output);
            try
            {
                var status = await StatusAsync(api);
                if (condition(status))
                {
                    return status;
                }
            }
            catch (HttpRequestException)
            {
                // The API is not listening yet.
            }

            try
            {
                await Task.Delay(50, limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}. Service output:\n{service.Output}");
            }
        }
    }

    private static async Task WaitForControllerCheckAsync(HttpClient api, ServiceProcess service, string status)
    {
        using var limit = new CancellationTokenSource(Generous);
        while (true)
        {
            Assert.False(service.HasExited, service.Output);
            using var response = await api.GetAsync("/health");
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            var controller = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "controller");
            if (controller.GetProperty("status").GetString() == status)
            {
                return;
            }

            try
            {
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for /health's controller check to be {status} (last: {controller}). Service output:\n{service.Output}");
            }
        }
    }
}
