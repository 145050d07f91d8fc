using System.Net;
using System.Net.Http.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The operator panel in a real terminal (tmux) against the service on the twin, as an operator
/// uses it: log in, submit a job, watch it, open the door, close it, resume, see the job finish.</summary>
public class PanelTerminalTests
{
    private const string Key = "panel-test-key-alice-0001";

    [Fact]
    public async Task Operator_logs_in_runs_a_job_through_a_door_opening_and_sees_it_finish()
    {
        using var folder = new TempFolder();
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = Path.Combine(folder.Path, "data"),
            ["Station:QueuePollMs"] = "100",
            // About a second a pin: the door opens with most of the job still to go, however slow the machine.
            ["Controller:SimulatorTimeScale"] = "0.5",
            ["Fixture:Rows"] = "10",
            ["Fixture:Columns"] = "10",
            ["Api:Urls"] = url,
            ["Api:Users:0:Id"] = "alice",
            ["Api:Users:0:Role"] = "Operator",
            ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(Key, iterations: 10_000).ToString(),
        });
        var jobFile = Path.Combine(folder.Path, "panel.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-P,default,P00001-P00024\n");
        using var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, Key);

        await service.WaitUntilIdleAsync(api);
        using var terminal = await PanelLogin.StartAsync(url, "alice", Key);
        try
        {
            await terminal.WaitForTextAsync("Idle: Ready", TimeSpan.FromSeconds(90));
            Assert.Contains("alice (Operator)", await terminal.ScreenAsync(), StringComparison.Ordinal);

            await terminal.KeysAsync("F2");
            await terminal.WaitForTextAsync("File:");
            await terminal.TypeAsync(jobFile);
            await terminal.KeysAsync("Enter");
            await terminal.WaitForTextAsync("(24 serials)");
            await terminal.WaitForAsync(s => Finished(s) >= 2, "two pins finished");

            await SetDoorAsync(api, closed: false);
            var held = await terminal.WaitForTextAsync("SafetyHold");
            Assert.Contains("Why: door open", held, StringComparison.Ordinal);
            Assert.Contains("Door OPEN", held, StringComparison.Ordinal);
            var finishedWhileHeld = Finished(held);

            await SetDoorAsync(api, closed: true);
            await terminal.WaitForTextAsync("[ok] Door closed");
            await terminal.KeysAsync("F5");
            var done = await terminal.WaitForTextAsync("Finished: 24 verified", TimeSpan.FromMinutes(3));

            Assert.True(finishedWhileHeld < 24, held);
            Assert.Contains("24/24", done, StringComparison.Ordinal);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The screen is in the failure's message; the service's log says what the station did.
            throw new InvalidOperationException($"{failure.Message}\nThe service's log:\n{service.Output}", failure);
        }
    }

    /// <summary>The "N/24" of the progress line on the screen; 0 before there is one.</summary>
    private static int Finished(string screen)
    {
        var match = System.Text.RegularExpressions.Regex.Match(screen, @"(\d+)/24");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task SetDoorAsync(HttpClient api, bool closed)
    {
        using var response = await api.PostAsJsonAsync("/api/simulator/inputs/DoorClosed", new { healthy = closed });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
