using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engraver.Core.Geometry;
using Engraver.Core.Station;
using Engraver.Service.Tests.Support;
using Engraver.Simulator.Grbl;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>An operator's move stopped under way by the door or the e-stop, on the service running the twin over its
/// pty at real speed (Controller:SimulatorTimeScale 1), so a go-to-slot or a long jog still moves when the input
/// changes. Homed at X -1 Y -1; slot 7 under the laser is X -130 Y -140, focus Z -5.</summary>
public sealed partial class ManualMoveStopTests
{
    private static readonly Point2 Slot7 = new(-130, -140);

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Station:QueuePollMs"] = "50",
        ["Controller:SimulatorTimeScale"] = "1",
    };

    [Fact]
    public async Task The_door_opened_during_a_go_to_slot_stops_the_machine_short_and_closing_it_moves_nothing()
    {
        await using var service = await ApiServiceFixture.With(Settings()).StartedAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        var twin = service.Runtime.Rig!.Simulator!;
        var linesBefore = twin.RecentLines().Count;
        var burnsBefore = twin.BurnLogSnapshot().Count;
        var realtimeBefore = twin.RealtimeReceived().Count;
        var start = twin.MachinePosition;

        var going = client.PostAsJsonAsync("/api/station/goto-slot", new { slot = 7 });
        await ApiServiceFixture.WaitUntilAsync(() => twin.State == "Run", "the go-to-slot to be under way");
        await InputAsync(client, "DoorClosed", healthy: false);
        using var answer = await going;

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        var detail = await OperatorControlsEndpointTests.DetailAsync(answer);
        Assert.StartsWith("Go to slot 7 stopped: the door opened during the move. The machine stopped at X ", detail, StringComparison.Ordinal);
        Assert.Contains("closing the door resumes nothing", detail, StringComparison.Ordinal);
        // The rest of the move was dropped: the controller is idle (not held), the station still homed.
        Assert.Equal("Idle", twin.State);
        Assert.True(service.Runtime.Loop!.Snapshot.HomedSinceReset);
        var stopped = twin.MachinePosition;
        Assert.NotEqual(Slot7, stopped);
        Assert.NotEqual(start, stopped);
        Assert.Contains(Say(stopped), detail, StringComparison.Ordinal);

        await InputAsync(client, "DoorClosed", healthy: true);
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.Interlocks.DoorClosed, "the door to read closed");
        // The go-to-slot would have reached the slot within two seconds from where it stopped.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(stopped, twin.MachinePosition);
        Assert.Equal("Idle", twin.State);
        AssertLaserNeverOn(twin, linesBefore, burnsBefore);
        Assert.Contains("G90G0X0Y0Z-5", twin.RecentLines().Skip(linesBefore));
        Assert.False(service.Runtime.Loop!.Snapshot.LaserEnable);
        // The door byte and a feed hold stopped it, a soft reset at rest dropped the rest; never a cycle start.
        Assert.Equal("\u0084!\u0018", ReceivedRealtime(twin, realtimeBefore));
        var command = (await service.CommandsAsync()).Last(c => c.Record.Command == "goto-slot").Record;
        Assert.StartsWith("Failed: Go to slot 7 stopped: the door opened", command.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_estop_pressed_during_a_jog_cancels_it_and_its_reset_moves_nothing()
    {
        await using var service = await ApiServiceFixture.With(Settings()).StartedAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        var runtime = service.Runtime;
        var twin = runtime.Rig!.Simulator!;
        var linesBefore = twin.RecentLines().Count;
        var burnsBefore = twin.BurnLogSnapshot().Count;
        var realtimeBefore = twin.RealtimeReceived().Count;
        var start = twin.MachinePosition;

        // 100 mm at 1200 mm/min: five seconds of jogging.
        var jogging = client.PostAsJsonAsync("/api/station/jog", new { dxMm = -100, dyMm = 0, feedMmPerMin = 1200 });
        await ApiServiceFixture.WaitUntilAsync(() => twin.State == "Jog", "the jog to be under way");
        await InputAsync(client, "EStopOk", healthy: false);
        using var answer = await jogging;

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        var detail = await OperatorControlsEndpointTests.DetailAsync(answer);
        Assert.StartsWith("Jog stopped: the e-stop was pressed during the move. The machine stopped at X ", detail, StringComparison.Ordinal);
        Assert.Contains("the e-stop is released and reset and the machine homed again", detail, StringComparison.Ordinal);
        Assert.Equal("Idle", twin.State);
        var stopped = twin.MachinePosition;
        Assert.True(stopped.X > start.X - 100 && stopped.X < start.X, $"the jog stopped between X {start.X} and X {start.X - 100}: at {stopped}");
        Assert.Contains(Say(stopped), detail, StringComparison.Ordinal);
        Assert.Equal(StationState.EStop, runtime.Loop!.Snapshot.State);

        await InputAsync(client, "EStopOk", healthy: true);
        await ApiServiceFixture.WaitUntilAsync(() => runtime.Loop!.Snapshot.Interlocks.EStopReleased, "the e-stop released");
        using (var reset = await client.PostAsync("/api/station/reset", null))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        // The jog would have ended within four seconds from where it stopped.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(stopped, twin.MachinePosition);
        Assert.Equal("Idle", twin.State);
        Assert.False(runtime.Loop!.Snapshot.HomedSinceReset);
        AssertLaserNeverOn(twin, linesBefore, burnsBefore);
        // Jog cancel stopped it; the e-stop's reset soft-reset the controller; never a cycle start.
        Assert.Equal("\u0085\u0018", ReceivedRealtime(twin, realtimeBefore));
    }

    [Fact]
    public async Task A_move_that_ends_before_the_door_opens_is_answered_as_done_and_stays_where_it_ended()
    {
        await using var service = await ApiServiceFixture.With(Settings()).StartedAsync();
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        var twin = service.Runtime.Rig!.Simulator!;

        using var answer = await client.PostAsJsonAsync("/api/station/goto-slot", new { slot = 7 });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Slot7, twin.MachinePosition);

        await InputAsync(client, "DoorClosed", healthy: false);
        await ApiServiceFixture.WaitUntilAsync(() => !service.Runtime.Loop!.Snapshot.Interlocks.DoorClosed, "the door to read open");
        await InputAsync(client, "DoorClosed", healthy: true);
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.Interlocks.DoorClosed, "the door to read closed");

        Assert.Equal(Slot7, twin.MachinePosition);
        Assert.Equal("Idle", twin.State);
        Assert.Empty(twin.DoorStops);
        var command = (await service.CommandsAsync()).Last(c => c.Record.Command == "goto-slot").Record;
        Assert.Equal("Accepted", command.Outcome);
    }

    /// <summary>No line switched the laser on (M3/M4 with S above 0), and nothing burned.</summary>
    private static void AssertLaserNeverOn(GrblSimulator twin, int linesBefore, int burnsBefore)
    {
        var sent = twin.RecentLines().Skip(linesBefore).ToList();
        Assert.DoesNotContain(sent, line => (line.Contains("M3", StringComparison.Ordinal) || line.Contains("M4", StringComparison.Ordinal))
            && SWord().Matches(line).Any(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 0));
        Assert.Equal(burnsBefore, twin.BurnLogSnapshot().Count);
    }

    private static string Say(Point2 at) => string.Create(CultureInfo.InvariantCulture, $"X {at.X:0.###} Y {at.Y:0.###}");

    private static string ReceivedRealtime(GrblSimulator twin, int before) => string.Concat(twin.RealtimeReceived().Skip(before).Select(b => (char)b));

    private static async Task InputAsync(HttpClient client, string input, bool healthy)
    {
        using var response = await client.PostAsJsonAsync($"/api/simulator/inputs/{input}", new { healthy });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"S(-?[0-9.]+)")]
    private static partial Regex SWord();
}
