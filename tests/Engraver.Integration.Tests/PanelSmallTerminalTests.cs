using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The operator panel in the smallest terminal it is made for, 80 columns by 24 lines: every action key
/// on screen, and a job submitted and seen to finish without anything needed falling off the screen.</summary>
public class PanelSmallTerminalTests
{
    private const string Key = "panel-test-key-alice-0080";

    [Fact]
    public async Task At_80_by_24_every_key_shows_and_a_job_runs_to_its_end()
    {
        using var folder = new TempFolder();
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = Path.Combine(folder.Path, "data"),
            ["Station:QueuePollMs"] = "100",
            ["Api:Urls"] = url,
            ["Api:Users:0:Id"] = "alice",
            ["Api:Users:0:Role"] = "Supervisor",
            ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(Key, iterations: 10_000).ToString(),
        });
        var jobFile = Path.Combine(folder.Path, "small.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-S,default,S00001-S00004\n");
        using var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, Key);

        await service.WaitUntilIdleAsync(api);
        using var terminal = await PanelLogin.StartAsync(url, "alice", Key, columns: 80, rows: 24);
        try
        {
            var ready = await terminal.WaitForTextAsync("Idle: Ready", TimeSpan.FromSeconds(90));

            // Control keys are written the terminal's way (^R) where the full labels do not fit.
            foreach (var key in new[] { "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "^R", "^G", "^F", "^O" })
            {
                Assert.Contains(key, ready, StringComparison.Ordinal);
            }

            Assert.Contains("Quit", ready, StringComparison.Ordinal);
            Assert.All(ready.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, line));

            await terminal.KeysAsync("F2");
            await terminal.WaitForTextAsync("File:");
            await terminal.TypeAsync(jobFile);
            await terminal.KeysAsync("Enter");
            await terminal.WaitForTextAsync("(4 serials)");
            var done = await terminal.WaitForTextAsync("Finished: 4 verified", TimeSpan.FromMinutes(3));

            Assert.Contains("4/4", done, StringComparison.Ordinal);
            Assert.Contains("F10", done, StringComparison.Ordinal);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{failure.Message}\nThe service's log:\n{service.Output}", failure);
        }
    }
}
