using System.Net;
using System.Net.Http.Json;
using System.Text;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>Overrides within a recipe's limits (its file's "overrides"), and the operator's moves while a job runs,
/// on the service running the twin slowly enough that a job of a few pins takes seconds.</summary>
public sealed class OverridesDuringAJobTests
{
    private static Dictionary<string, string?> Settings() => new()
    {
        ["Station:QueuePollMs"] = "50",
        ["Controller:SimulatorTimeScale"] = "0.3",
        ["Station:RecipesFolder"] = OverridableRecipes.Value,
    };

    /// <summary>A recipes folder whose default recipe allows power 90..110% and feed 80..120%.</summary>
    private static readonly Lazy<string> OverridableRecipes = new(() =>
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "engraver-overridable-recipes-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "default.json"), """
            {
              "name": "default",
              "material": "firing-pin steel",
              "laserMode": "dynamic",
              "powerFraction": 0.8,
              "feedMmPerMin": 600,
              "passes": 1,
              "focusOffsetMm": 0.0,
              "overrides": { "powerPercent": { "min": 90, "max": 110 }, "feedPercent": { "min": 80, "max": 120 } }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "strict.json"), """
            { "name": "strict", "material": "firing-pin steel", "laserMode": "dynamic", "powerFraction": 0.8, "feedMmPerMin": 600, "passes": 1, "focusOffsetMm": 0.0 }
            """);
        return folder;
    });

    [Fact]
    public async Task Overrides_within_the_limits_reach_the_controller_show_in_the_status_and_reset_when_the_job_is_done()
    {
        await using var service = await ApiServiceFixture.With(Settings()).StartedAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);

        using var set = await client.PostAsJsonAsync("/api/station/overrides", new { powerPercent = 95, feedPercent = 113 });
        using var outside = await client.PostAsJsonAsync("/api/station/overrides", new { powerPercent = 89, feedPercent = 100 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("powerPercent 89 is outside the limits of recipe default: power 90..110%", await OperatorControlsEndpointTests.DetailAsync(outside), StringComparison.Ordinal);
        // The status shows the controller's next report.
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.View().ControllerStatus?.Overrides == (113, 100, 95), "the status to report the overrides");
        var controller = (await service.StatusAsync()).Controller!;
        Assert.Equal((113, 95), (controller.FeedOverridePercent, controller.PowerOverridePercent));

        using var job = await client.PostAsync("/api/jobs?name=ovr.csv", Csv("OV001-OV002"));
        Assert.Equal(HttpStatusCode.OK, job.StatusCode);
        await ApiServiceFixture.WaitUntilAsync(() => service.Queue.Current.PinsSettled >= 2, "the two pins", TimeSpan.FromMinutes(2));
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.View().ControllerStatus?.Overrides == (100, 100, 100), "the overrides back at 100% once the queue is empty");
        var pins = await service.Records.ListPinsAsync(CancellationToken.None);
        Assert.Equal(2, pins.Count);
        Assert.All(pins, pin => Assert.Equal("feed 113%, power 95%", pin.Record.Overrides));

        // The next job runs its recipe as written, and its pin's record says nothing of overrides.
        using var next = await client.PostAsync("/api/jobs?name=plain.csv", Csv("PL001"));
        await ApiServiceFixture.WaitUntilAsync(() => service.Queue.Current.PinsSettled >= 3, "the third pin", TimeSpan.FromMinutes(2));
        var plain = Assert.Single(await service.Records.FindBySerialAsync("PL001", CancellationToken.None));
        Assert.Null(plain.Record.Overrides);
    }

    [Fact]
    public async Task Overrides_do_not_outlive_an_estop_reset_nor_a_homing()
    {
        await using var service = await ApiServiceFixture.With(Settings()).StartedAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        var runtime = service.Runtime;

        await SetAsync(client, runtime, feed: 90, power: 105);
        await InputAsync(client, "EStopOk", healthy: false);
        await ApiServiceFixture.WaitUntilAsync(() => runtime.Loop!.Snapshot.State == Engraver.Core.Station.StationState.EStop, "the e-stop");
        await InputAsync(client, "EStopOk", healthy: true);
        await ApiServiceFixture.WaitUntilAsync(() => runtime.Loop!.Snapshot.Interlocks.EStopReleased, "the e-stop released");
        using (var reset = await client.PostAsync("/api/station/reset", null))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        await ApiServiceFixture.WaitUntilAsync(() => runtime.View().ControllerStatus?.Overrides == (100, 100, 100), "the overrides at 100% after the e-stop's reset");

        using (var home = await client.PostAsync("/api/station/home", null))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        await SetAsync(client, runtime, feed: 120, power: 91);
        using (var again = await client.PostAsync("/api/station/home", null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        await ApiServiceFixture.WaitUntilAsync(() => runtime.View().ControllerStatus?.Overrides == (100, 100, 100), "the overrides at 100% after a homing");
    }

    [Fact]
    public async Task A_pin_whose_recipe_allows_no_override_is_burned_at_100_percent_whatever_was_set_for_another()
    {
        await using var service = await ApiServiceFixture.With(Settings()).StartedAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);

        // Allowed by the default recipe, the one to run while nothing is queued.
        await SetAsync(client, service.Runtime, feed: 113, power: 95);
        using var job = await client.PostAsync("/api/jobs?name=strict.csv", Csv("ST001", "strict"));
        Assert.Equal(HttpStatusCode.OK, job.StatusCode);
        await ApiServiceFixture.WaitUntilAsync(() => service.Queue.Current.PinsSettled >= 1, "the pin", TimeSpan.FromMinutes(2));

        var pin = Assert.Single(await service.Records.FindBySerialAsync("ST001", CancellationToken.None));
        Assert.Equal("strict", pin.Record.RecipeName);
        Assert.Null(pin.Record.Overrides);
        Assert.Equal((100, 100, 100), service.Runtime.View().ControllerStatus?.Overrides);
    }

    private static async Task SetAsync(HttpClient client, Engraver.Service.Station.StationRuntime runtime, int feed, int power)
    {
        using var set = await client.PostAsJsonAsync("/api/station/overrides", new { powerPercent = power, feedPercent = feed });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await ApiServiceFixture.WaitUntilAsync(() => runtime.View().ControllerStatus?.Overrides == (feed, 100, power), $"feed {feed}% power {power}% in force");
    }

    private static async Task InputAsync(HttpClient client, string input, bool healthy)
    {
        using var response = await client.PostAsJsonAsync($"/api/simulator/inputs/{input}", new { healthy });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Jog_go_to_slot_and_framing_are_refused_while_a_job_runs()
    {
        await using var service = await ApiServiceFixture.With(Settings()).StartedAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        using var job = await client.PostAsync("/api/jobs?name=run.csv", Csv("RN001-RN006"));
        var jobId = (await job.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("result").GetProperty("jobId").GetString();
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.View().Job is { State: "Running" }, "the job to run");

        using var jog = await client.PostAsJsonAsync("/api/station/jog", new { dxMm = -1, dyMm = 0, feedMmPerMin = 1000 });
        using var slot = await client.PostAsJsonAsync("/api/station/goto-slot", new { slot = 1 });
        using var frame = await client.PostAsJsonAsync("/api/station/frame", new { slot = 1 });

        foreach (var response in new[] { jog, slot, frame })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains($"refused: job {jobId} is running: pause it first (F3 / POST /api/jobs/{jobId}/pause). Nothing was sent.",
                await OperatorControlsEndpointTests.DetailAsync(response), StringComparison.Ordinal);
        }
    }

    private static StringContent Csv(string serials, string recipe = "default") =>
        new($"make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,{recipe},{serials}\n", Encoding.UTF8, "text/csv");
}
