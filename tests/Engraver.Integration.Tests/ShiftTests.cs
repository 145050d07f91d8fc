using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests;

/// <summary>A whole shift at the panel (tmux) against the service process on the twin, a supervisor at the keys and
/// the world (door, e-stop, limit switch, cable, tray) driven through the twin's API: the station waits for Home
/// and Start, and every fault ends in a screen that names the state and the next action, a way out through the
/// panel's keys, and a job in which every serial ends once.</summary>
public sealed partial class ShiftTests(ITestOutputHelper output)
{
    private const string Key = "shift-test-key-sue-00001";
    private const int Serials = 12;

    [Fact]
    public async Task A_shift_through_door_estop_alarm_lost_link_and_full_tray_ends_every_serial_once()
    {
        using var folder = new TempFolder();
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        var data = Path.Combine(folder.Path, "data");
        using var service = ServiceProcess.StartUnstarted(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = data,
            ["Station:QueuePollMs"] = "100",
            // A few seconds a pin: a fault lands while a pin is in hand, however slow the machine.
            ["Controller:SimulatorTimeScale"] = "0.3",
            ["Controller:ResponseTimeoutMs"] = "3000",
            ["Controller:ReconnectDelayMs"] = "200",
            ["Controller:ReconnectMaxDelayMs"] = "800",
            // Twelve slots for twelve serials and the pins scrapped on the way: the tray fills once.
            ["Fixture:Rows"] = "2",
            ["Fixture:Columns"] = "6",
            ["Api:Urls"] = url,
            ["Api:Users:0:Id"] = "sue",
            ["Api:Users:0:Role"] = "Supervisor",
            ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(Key, iterations: 10_000).ToString(),
        });
        var jobFile = Path.Combine(folder.Path, "shift.csv");
        await File.WriteAllTextAsync(jobFile, $"make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-S,default,S00001-S{Serials:00000}\n");
        using var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, Key);
        var station = new Station(api, service);
        await station.WaitAsync(s => s.State == "Idle" && s.Connected, "the service to connect", TimeSpan.FromMinutes(2));

        using var terminal = await TmuxTerminal.StartAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "engraver-panel.dll"), "--url", url], new Dictionary<string, string>());
        var shift = new Shift(terminal, station, output);
        try
        {
            await PanelLogin.LogInAsync(terminal, "sue", Key);
            await StartOfShiftAsync(shift, station, terminal, jobFile);
            await DoorOpenedMidPinAsync(shift, station);
            await EStopMidPinAsync(shift, station);
            await AlarmMidPinAsync(shift, station);
            await LinkPulledMidPinAsync(shift, station);
            await TrayFullAsync(shift, station);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{failure.Message}\nThe screen:\n{await terminal.ScreenAsync()}\nThe service's log:\n{service.Output}", failure);
        }

        await EverySerialEndsOnceAsync(data);
    }

    /// <summary>Nothing moves until the operator homes, and no pin is taken until Start.</summary>
    private static async Task StartOfShiftAsync(Shift shift, Station station, TmuxTerminal terminal, string jobFile)
    {
        var screen = await shift.ScreenShowsAsync("Idle: Not homed", "Next: Home the machine");
        Assert.Contains("SIMULATED", screen, StringComparison.Ordinal);
        Assert.Contains("sue (Supervisor)", screen, StringComparison.Ordinal);
        var powerUp = await station.PositionAsync();

        await terminal.KeysAsync("F2");
        await terminal.WaitForTextAsync("File:");
        await terminal.TypeAsync(jobFile);
        await terminal.KeysAsync("Enter");
        await terminal.WaitForTextAsync($"({Serials} serials)");
        await station.StaysStillAsync(powerUp, "before Home");

        await terminal.KeysAsync("F6");
        await shift.ScreenShowsAsync("Idle: Not started", "Next: Press Start (F11");
        var homed = await station.WaitAsync(s => s.Homed && s.ControllerState == "Idle", "the homing cycle to end");
        await station.StaysStillAsync(homed.Position, "after Home, before Start");

        await terminal.KeysAsync("F11");
        await station.WaitAsync(s => s.Finished >= 1, "the first pin after Start");
    }

    private static async Task DoorOpenedMidPinAsync(Shift shift, Station station)
    {
        await station.WaitAsync(s => s.State == "Engraving", "a pin being engraved");
        await station.SimulateAsync("inputs/DoorClosed", new { healthy = false });
        await shift.ScreenShowsAsync("SafetyHold", "Next: Close the door and press Resume");

        await station.SimulateAsync("inputs/DoorClosed", new { healthy = true });
        await shift.TerminalWaitsAsync("[ok] Door closed");
        await shift.KeysAsync("F5");
        var resumed = (await station.StatusAsync()).Finished;
        await station.WaitAsync(s => s.Finished > resumed, "a pin after the door was closed and Resume pressed");
    }

    /// <summary>The e-stop mid-pin: the pin needs inspection; after release, Reset, then Home, then Start (nothing
    /// moves in between), with the pin scrapped at the panel by the supervisor.</summary>
    private static async Task EStopMidPinAsync(Shift shift, Station station)
    {
        await station.WaitAsync(s => s.State == "Engraving", "a pin being engraved");
        await station.SimulateAsync("inputs/EStopOk", new { healthy = false });
        await shift.ScreenShowsAsync("EStop", "Next: Release the e-stop");
        var cut = await station.WaitAsync(s => s.Inspection is not null, "the pin cut off by the e-stop to need inspection");
        await shift.ScreenShowsAsync($"INSPECT ENGR MS1 {cut.Inspection}");

        await station.SimulateAsync("inputs/EStopOk", new { healthy = true });
        await shift.ScreenShowsAsync("EStop", "Next: Reset the e-stop (F12");
        await shift.KeysAsync("F12");
        await shift.ScreenShowsAsync("Idle: Not homed", "Next: Home the machine");
        var reset = await station.WaitAsync(s => s.State == "Idle" && s.ControllerState is not null, "the controller to report after the reset");
        await station.StaysStillAsync(reset.Position, "after the e-stop's reset, before Home");

        await shift.ScrapAtPanelAsync(cut.Inspection!, "e-stop pressed mid-pin");
        await shift.HomeAndStartAsync();
    }

    private static async Task AlarmMidPinAsync(Shift shift, Station station)
    {
        await station.WaitAsync(s => s.State == "Engraving", "a pin being engraved");
        await station.SimulateAsync("controller/limit-switch");
        await shift.ScreenShowsAsync("Alarm", "Next: Unlock the controller (F8");
        var cut = await station.WaitAsync(s => s.Inspection is not null, "the pin cut off by the alarm to need inspection");

        await shift.KeysAsync("F7");
        await shift.ScreenShowsAsync("Hard limit triggered at", "Z, acknowledged");
        await shift.KeysAsync("F8");
        await shift.ScreenShowsAsync("Idle: Not homed", "Next: Home the machine");
        await shift.ScrapAtPanelAsync(cut.Inspection!, "limit switch tripped mid-pin");
        await shift.HomeAndStartAsync();
    }

    private static async Task LinkPulledMidPinAsync(Shift shift, Station station)
    {
        await station.WaitAsync(s => s.State == "Engraving", "a pin being engraved");
        await station.SimulateAsync("controller/unplug");
        // Disconnected or Connecting, as the attempts to reconnect come and go.
        await shift.ScreenShowsAsync("Next: Wait: the station reconnects");
        var cut = await station.WaitAsync(s => s.Inspection is not null, "the pin cut off by the lost link to need inspection");

        await station.SimulateAsync("controller/replug");
        await shift.ScreenShowsAsync("Idle: Not homed", "Next: Home the machine");
        var back = await station.WaitAsync(s => s.State == "Idle" && s.ControllerState is not null, "the controller to report after the reconnect");
        await station.StaysStillAsync(back.Position, "after the link came back, before Home");
        await shift.ScrapAtPanelAsync(cut.Inspection!, "link lost mid-pin");
        await shift.HomeAndStartAsync();
    }

    private static async Task TrayFullAsync(Shift shift, Station station)
    {
        await shift.ScreenShowsAsync(TimeSpan.FromMinutes(3), "Idle: Waiting for the operator", "Next: Replace the tray");
        await station.SimulateAsync("inputs/TrayPresent", new { healthy = false });
        await station.WaitAsync(s => !s.TrayPresent, "the tray to be taken away");
        await station.SimulateAsync("inputs/TrayPresent", new { healthy = true });
        await shift.ScreenShowsAsync(TimeSpan.FromMinutes(3), $"{Serials}/{Serials}", $"Finished: {Serials} verified of {Serials} serials");
    }

    /// <summary>Each serial has exactly one Verified pin, named for the supervisor who pressed Start; every other
    /// record of it is a cut-off pin (NeedsInspection) and its scrapping (Rejected); no slot of a tray twice.</summary>
    private static async Task EverySerialEndsOnceAsync(string data)
    {
        await using var store = await SqliteRecordStore.OpenAsync(Path.Combine(data, "records.db"), CancellationToken.None);
        var records = new List<PinRecord>();
        await foreach (var stored in store.QueryAsync(RecordQuery.All, CancellationToken.None))
        {
            records.Add(stored.Record);
        }

        foreach (var serial in Enumerable.Range(1, Serials).Select(i => $"S{i:00000}"))
        {
            var mine = records.Where(r => r.Serial == serial).ToList();
            var verified = Assert.Single(mine, r => r.Outcome == PinOutcome.Verified);
            Assert.Equal("sue", verified.Operator);
            Assert.All(mine.Where(r => r.Outcome != PinOutcome.Verified), r => Assert.Contains(r.Outcome, new[] { PinOutcome.NeedsInspection, PinOutcome.Rejected }));
            Assert.Equal(mine.Count(r => r.Outcome == PinOutcome.NeedsInspection), mine.Count(r => r.Outcome == PinOutcome.Rejected));
        }

        Assert.Equal(3, records.Count(r => r.Outcome == PinOutcome.Rejected));
    }

    /// <summary>The supervisor at the panel: keys, and the screen read as text (lines joined, frames dropped, so
    /// a banner wrapped over two lines still reads as one sentence).</summary>
    private sealed partial class Shift(TmuxTerminal terminal, Station station, ITestOutputHelper output)
    {
        public async Task KeysAsync(string key)
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} key {key}");
            await terminal.KeysAsync(key);
        }

        public Task<string> TerminalWaitsAsync(string text) => terminal.WaitForTextAsync(text);

        public Task<string> ScreenShowsAsync(params string[] texts) => ScreenShowsAsync(TimeSpan.FromSeconds(60), texts);

        public async Task<string> ScreenShowsAsync(TimeSpan limit, params string[] texts)
        {
            var screen = await terminal.WaitForAsync(s => texts.All(t => Flat(s).Contains(t, StringComparison.Ordinal)), string.Join(" and ", texts.Select(t => $"\"{t}\"")), limit);
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} screen shows {string.Join(" | ", texts)}");
            return screen;
        }

        /// <summary>Ctrl+R opens the resolve dialog with the waiting pin's serial filled in; a note, then Scrap.</summary>
        public async Task ScrapAtPanelAsync(string serial, string note)
        {
            await KeysAsync("C-r");
            await ScreenShowsAsync("Resolve inspection", $"Serial: {serial}");
            await terminal.TypeAsync(note);
            await KeysAsync("Tab");
            await KeysAsync("Enter");
            await station.WaitAsync(s => s.Inspection != serial, $"{serial} to be resolved");
        }

        public async Task HomeAndStartAsync()
        {
            await KeysAsync("F6");
            await ScreenShowsAsync("Idle: Not started", "Next: Press Start (F11");
            var homed = await station.WaitAsync(s => s.Homed && s.ControllerState == "Idle", "the homing cycle to end");
            await station.StaysStillAsync(homed.Position, "after Home, before Start");
            await KeysAsync("F11");
            // A pin ends before the next fault: the scrapped serial's retry goes first, and it is not cut off again.
            await station.WaitAsync(s => s.Finished > homed.Finished, "the job to go on after Start");
        }

        private static string Flat(string screen) =>
            Spaces().Replace(Frames().Replace(screen, " "), " ");

        [GeneratedRegex("[│┃║┌┐└┘├┤─━═]")]
        private static partial Regex Frames();

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();
    }

    /// <summary>The station as the API reports it, and the twin's sensors and faults.</summary>
    private sealed class Station(HttpClient api, ServiceProcess service)
    {
        public async Task<View> StatusAsync()
        {
            Assert.False(service.HasExited, "The service stopped.");
            return View.Of(await api.GetFromJsonAsync<JsonElement>("/api/status"));
        }

        public async Task<View> WaitAsync(Func<View, bool> condition, string what, TimeSpan? limit = null)
        {
            var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
            while (true)
            {
                try
                {
                    var view = await StatusAsync();
                    if (condition(view))
                    {
                        return view;
                    }

                    Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}; the station: {view}");
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    // Not listening yet.
                }

                await Task.Delay(50);
            }
        }

        public async Task<(double X, double Y, double Z)?> PositionAsync() => (await StatusAsync()).Position;

        /// <summary>Watches the controller's position for a few status reports: nothing may move by itself.</summary>
        public async Task StaysStillAsync((double X, double Y, double Z)? at, string when)
        {
            Assert.NotNull(at);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            while (DateTime.UtcNow < until)
            {
                var view = await StatusAsync();
                Assert.True(view.Position is null || view.Position == at, $"The machine moved {when}: from {at} to {view.Position}");
                Assert.NotEqual("Engraving", view.State);
                await Task.Delay(100);
            }
        }

        public async Task SimulateAsync(string what, object? body = null)
        {
            using var response = await api.PostAsJsonAsync($"/api/simulator/{what}", body ?? new { });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/simulator/{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record View(string State, bool Homed, bool Connected, string? ControllerState, (double X, double Y, double Z)? Position, int Finished, string? Inspection, bool TrayPresent)
    {
        public static View Of(JsonElement status)
        {
            var controller = status.GetProperty("controller");
            var connected = controller.ValueKind == JsonValueKind.Object && controller.GetProperty("connected").GetBoolean();
            (double, double, double)? position = connected && controller.GetProperty("x").ValueKind == JsonValueKind.Number
                ? (controller.GetProperty("x").GetDouble(), controller.GetProperty("y").GetDouble(), controller.GetProperty("z").GetDouble())
                : null;
            var job = status.GetProperty("job");
            var inspection = status.TryGetProperty("inspection", out var waiting) && waiting.ValueKind == JsonValueKind.Object
                ? waiting.GetProperty("serial").GetString()
                : null;
            return new View(
                status.GetProperty("state").GetString()!,
                status.GetProperty("homed").GetBoolean(),
                connected,
                connected ? controller.GetProperty("state").GetString() : null,
                position,
                job.ValueKind == JsonValueKind.Object ? job.GetProperty("finished").GetInt32() : 0,
                inspection,
                status.GetProperty("interlocks").GetProperty("trayPresent").GetBoolean());
        }
    }
}
