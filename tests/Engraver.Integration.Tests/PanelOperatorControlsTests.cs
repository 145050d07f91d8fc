using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The operator's motion controls in the panel, in a real terminal (tmux), against the service on the twin
/// over its pty: jog with the arrow keys, go to a slot, frame a slot, set the overrides and see them in the pin's
/// record. The default tray: 4 x 6 slots from X -140 Y -150, pitch 10 mm; the machine homes at X -1 Y -1.</summary>
public class PanelOperatorControlsTests
{
    private const string Key = "panel-controls-key-alice-01";
    private const string AuditKey = "panel-controls-key-quinn-01";

    private const string OverridableDefaultRecipe = """
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
        """;

    [Fact]
    public async Task Operator_jogs_goes_to_a_slot_and_frames_it_from_the_panel_and_the_machine_is_where_the_panel_says()
    {
        using var folder = new TempFolder();
        var (url, service) = StartService(folder, new Dictionary<string, string>());
        using var _ = service;
        using var api = Api(url, Key);
        await WaitStartedAsync(service, api);
        using var terminal = await LogInAsync(url);
        try
        {
            await terminal.WaitForTextAsync("Jog: arrow keys, step 1 mm (Ctrl+T)");
            await terminal.WaitForTextAsync("X -1.000  Y -1.000");

            await terminal.KeysAsync("Left");
            await terminal.WaitForTextAsync("X -2.000  Y -1.000");
            Assert.Equal((-2.0, -1.0), await PositionAsync(api));

            await terminal.KeysAsync("C-t");
            await terminal.WaitForTextAsync("step 10 mm");
            await terminal.KeysAsync("Down");
            await terminal.WaitForTextAsync("X -2.000  Y -11.000");
            Assert.Equal((-2.0, -11.0), await PositionAsync(api));

            await terminal.KeysAsync("C-g");
            await terminal.WaitForTextAsync("Slot:");
            await terminal.TypeAsync("7");
            await terminal.KeysAsync("Enter");
            await terminal.WaitForTextAsync("Go to slot 7 under the laser: accepted");
            await terminal.WaitForTextAsync("X -130.000  Y -140.000");
            Assert.Equal((-130.0, -140.0), await PositionAsync(api));

            var (linesBefore, burnsBefore) = await ReceivedAsync(api);
            await terminal.KeysAsync("C-f");
            var framed = await terminal.WaitForTextAsync("Frame slot 0: outline traced, laser off: the firmware profile names no pointer power");
            // The trace ends where it began: the outline's lower left corner over slot 0 (centre X -140 Y -150).
            await terminal.WaitForTextAsync("X -140.710  Y -150.710");
            Assert.Equal((-140.71, -150.71), await PositionAsync(api));
            Assert.Contains("power 0%", framed, StringComparison.Ordinal);
            // What the twin received over its pty for the trace: the laser off first and last, never on, no S above 0.
            var (lines, burns) = await ReceivedAsync(api);
            var trace = lines.Skip(linesBefore.Count).ToList();
            Assert.Equal("M5S0", trace[0]);
            Assert.Equal("M5", trace.Last(line => !line.StartsWith("G4", StringComparison.Ordinal)));
            Assert.Equal(4, trace.Count(line => line.StartsWith("G1X", StringComparison.Ordinal)));
            Assert.All(trace, line => Assert.True(!line.Contains("M3", StringComparison.Ordinal) && !line.Contains("M4", StringComparison.Ordinal)
                && System.Text.RegularExpressions.Regex.Matches(line, @"S([0-9.]+)").All(s => double.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture) <= 0), line));
            Assert.Equal(burnsBefore, burns);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{failure.Message}\nThe service's log:\n{service.Output}", failure);
        }
    }

    [Fact]
    public async Task An_override_set_from_the_panel_shows_on_the_panel_and_in_the_record_of_the_pin_engraved_under_it()
    {
        using var folder = new TempFolder();
        // The default recipe allowing power 90..110% and feed 80..120%.
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        await File.WriteAllTextAsync(Path.Combine(recipes, "default.json"), OverridableDefaultRecipe);
        var (url, service) = StartService(folder, new Dictionary<string, string> { ["Station:RecipesFolder"] = recipes });
        using var _ = service;
        using var api = Api(url, Key);
        await WaitStartedAsync(service, api);
        var jobFile = Path.Combine(folder.Path, "override.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-O,default,OV0001-OV0002\n");
        using var terminal = await LogInAsync(url);
        try
        {
            await terminal.WaitForTextAsync("Feed 100% Power 100%");
            await terminal.KeysAsync("C-o");
            await terminal.WaitForTextAsync("Feed %:");
            await terminal.KeysAsync(["End", "BSpace", "BSpace", "BSpace"]);
            await terminal.TypeAsync("110");
            await terminal.KeysAsync("Tab");
            await terminal.KeysAsync(["End", "BSpace", "BSpace", "BSpace"]);
            await terminal.TypeAsync("95");
            await terminal.KeysAsync("Enter");
            await terminal.WaitForTextAsync("Overrides feed 110% power 95%: accepted");
            await terminal.WaitForTextAsync("Feed 110% Power 95%");

            await terminal.KeysAsync("F2");
            await terminal.WaitForTextAsync("File:");
            await terminal.TypeAsync(jobFile);
            await terminal.KeysAsync("Enter");
            await terminal.WaitForTextAsync("Finished: 2 verified", TimeSpan.FromMinutes(2));
            // The job is done: the overrides are back at the recipe as written.
            await terminal.WaitForTextAsync("Feed 100% Power 100%");

            var pins = await ExportedPinsAsync(url);
            Assert.Equal(2, pins.Count);
            Assert.All(pins, pin => Assert.Equal("feed 110%, power 95%", pin.GetProperty("overrides").GetString()));
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{failure.Message}\nThe service's log:\n{service.Output}", failure);
        }
    }

    private static (string Url, ServiceProcess Service) StartService(TempFolder folder, IReadOnlyDictionary<string, string> extra)
    {
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        var settings = new Dictionary<string, string>(extra)
        {
            ["Station:DataFolder"] = Path.Combine(folder.Path, "data"),
            ["Station:QueuePollMs"] = "100",
            ["Controller:SimulatorTimeScale"] = "0.2",
            ["Api:Urls"] = url,
            ["Api:Users:0:Id"] = "alice",
            ["Api:Users:0:Role"] = "Operator",
            ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(Key, iterations: 10_000).ToString(),
            ["Api:Users:1:Id"] = "quinn",
            ["Api:Users:1:Role"] = "QA",
            ["Api:Users:1:KeyHash"] = ApiKeyHash.Create(AuditKey, iterations: 10_000).ToString(),
        };
        return (url, ServiceProcess.Start(settings));
    }

    private static HttpClient Api(string url, string key)
    {
        var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        return api;
    }

    /// <summary>Waits until the shift's operator has homed and started the station.</summary>
    private static async Task WaitStartedAsync(ServiceProcess service, HttpClient api)
    {
        await service.WaitUntilIdleAsync(api);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var status = await api.GetFromJsonAsync<JsonElement>("/api/status");
            if (status.GetProperty("homed").GetBoolean() && status.GetProperty("started").GetBoolean())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The station was not homed and started:\n" + service.Output);
            await Task.Delay(200);
        }
    }

    private static async Task<TmuxTerminal> LogInAsync(string url)
    {
        var terminal = await PanelLogin.StartAsync(url, "alice", Key);
        await terminal.WaitForTextAsync("Idle: Ready", TimeSpan.FromSeconds(90));
        return terminal;
    }

    /// <summary>Where the controller (the twin, over the serial line) reports the machine, as GET /api/status has it.</summary>
    private static async Task<(double X, double Y)> PositionAsync(HttpClient api)
    {
        var controller = (await api.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("controller");
        return (Math.Round(controller.GetProperty("x").GetDouble(), 3), Math.Round(controller.GetProperty("y").GetDouble(), 3));
    }

    /// <summary>The G-code lines the twin received so far and the laser-on segments it burned.</summary>
    private static async Task<(IReadOnlyList<string> Lines, int Burns)> ReceivedAsync(HttpClient api)
    {
        var received = await api.GetFromJsonAsync<JsonElement>("/api/simulator/controller/received");
        return ([.. received.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!)], received.GetProperty("burns").GetInt32());
    }

    private static async Task<IReadOnlyList<JsonElement>> ExportedPinsAsync(string url)
    {
        using var audit = Api(url, AuditKey);
        var from = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var to = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var export = await audit.GetFromJsonAsync<JsonElement>($"/api/audit/export?from={from}&to={to}&format=json");
        return [.. Pins(export)];
    }

    private static IEnumerable<JsonElement> Pins(JsonElement export) =>
        export.ValueKind == JsonValueKind.Array ? export.EnumerateArray() : export.GetProperty("records").EnumerateArray();
}
