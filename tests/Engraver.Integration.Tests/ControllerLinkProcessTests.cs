using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The service process on a controller in another process (engraver-sim behind a stable link path, as a
/// udev rule names a USB adapter): the controller's process is killed and started again on the same path. The
/// service notices, says so on /health, reconnects by itself and waits, without moving, for the operator to home.</summary>
public class ControllerLinkProcessTests
{
    private const string Key = "operator-key-link-0001";
    private const string HomeAction = "Home the machine (F6 / POST /api/station/home)";
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_controller_that_disappears_and_comes_back_on_its_port_is_reconnected_and_waits_for_home()
    {
        using var folder = new TempFolder();
        var link = Path.Combine(folder.Path, "ttyGRBL");
        var url = $"http://127.0.0.1:{FreePort()}";
        var first = await SimulatorProcess.StartAsync(link, Generous);
        using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = Path.Combine(folder.Path, "data"),
            ["Station:QueuePollMs"] = "100",
            ["Controller:Port"] = link,
            ["Controller:ResponseTimeoutMs"] = "2000",
            ["Controller:ReconnectDelayMs"] = "200",
            ["Controller:ReconnectMaxDelayMs"] = "1000",
            // The twin's camera needs the twin in the service's own process; no pin is engraved here.
            ["Camera:Kind"] = "OpenCv",
            ["Api:Urls"] = url,
            ["Api:Users:0:Id"] = "alice",
            ["Api:Users:0:Role"] = "Operator",
            ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(Key, iterations: 10_000).ToString(),
        });
        using var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, Key);
        try
        {
            await WaitForAsync(api, service, s => s.State == "Idle" && s.Homed, "the service to connect and home at start");

            await first.KillAsync();
            first.Dispose();
            var controller = await WaitForControllerCheckAsync(api, service, c => c.GetProperty("status").GetString() == "Unhealthy", "/health to report the lost link");
            var why = controller.GetProperty("description").GetString()!;
            Assert.Contains($"link to {link} lost at ", why, StringComparison.Ordinal);
            Assert.Contains("reconnecting", why, StringComparison.Ordinal);
            var down = await StatusAsync(api);
            Assert.Contains(down.State, new[] { "Disconnected", "Connecting" });
            Assert.Contains(HomeAction, down.NextAction, StringComparison.Ordinal);

            using var second = await SimulatorProcess.StartAsync(link, Generous);
            var back = await WaitForAsync(api, service, s => s.State == "Idle" && s.Controller is { Connected: true, State: not null }, "the service to reconnect");
            Assert.False(back.Homed);
            Assert.Equal(HomeAction, back.NextAction);
            // A controller that just powered up with homing enabled is locked until it is homed: nothing moved it.
            Assert.Equal("Alarm", back.Controller!.State);
            Assert.Equal("Healthy", (await WaitForControllerCheckAsync(api, service, c => c.GetProperty("status").GetString() == "Healthy", "/health to be healthy again"))
                .GetProperty("status").GetString());

            using var home = await api.PostAsync("/api/station/home", null);
            Assert.True(home.StatusCode == HttpStatusCode.OK, await home.Content.ReadAsStringAsync());
            var homed = await WaitForAsync(api, service, s => s.State == "Idle" && s.Homed && s.Controller?.State == "Idle", "the station to be homed");
            Assert.Null(homed.NextAction);
        }
        finally
        {
            first.Dispose();
        }
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
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}. Service output:\n{service.Output}");
            }
        }
    }

    private static async Task<JsonElement> WaitForControllerCheckAsync(HttpClient api, ServiceProcess service, Func<JsonElement, bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(Generous);
        while (true)
        {
            Assert.False(service.HasExited, service.Output);
            using var response = await api.GetAsync("/health");
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            var controller = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "controller");
            if (condition(controller))
            {
                return controller;
            }

            try
            {
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what} (last: {controller}). Service output:\n{service.Output}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
