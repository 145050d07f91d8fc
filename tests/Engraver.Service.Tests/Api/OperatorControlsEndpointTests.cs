using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engraver.Core.Geometry;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>POST /api/station/goto-slot, /frame and /overrides, and the refusals of an operator's move, on the service
/// running the twin over its pty (tray: 4 x 6 slots from X -140 Y -150, pitch 10 mm, focus Z -5; camera 40 mm in +X
/// from the laser; homed at X -1 Y -1).</summary>
public partial class OperatorControlsEndpointTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    [Theory]
    [InlineData("laser", -130, -140)]
    [InlineData("camera", -170, -140)]
    public async Task Go_to_slot_moves_to_the_slot_centre_under_the_laser_or_the_camera_with_the_laser_off(string place, double x, double y)
    {
        var before = Twin.RecentLines().Count;

        using var response = await PostAsync("/api/station/goto-slot", new { slot = 7, place });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await ApiServiceFixture.WaitUntilAsync(() => Twin.MachinePosition == new Point2(x, y) && Twin.State == "Idle", $"the machine at X {x} Y {y}");
        var sent = Twin.RecentLines().Skip(before).ToList();
        Assert.Equal("M5S0", sent[0]); // the controller receives lines without their spaces
        Assert.DoesNotContain(sent, line => line.Contains("M3", StringComparison.Ordinal) || line.Contains("M4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Go_to_a_slot_the_tray_does_not_have_is_refused_naming_the_range_and_nothing_moves()
    {
        var before = Twin.RecentLines().Count;

        using var response = await PostAsync("/api/station/goto-slot", new { slot = 24 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("There is no slot 24: the tray (Fixture:Rows 4 x Fixture:Columns 6) has slots 0 to 23. Nothing was sent.", await DetailAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, Twin.RecentLines().Count);
    }

    [Fact]
    public async Task A_go_to_slot_without_a_slot_or_with_an_unknown_place_is_a_bad_request()
    {
        using var noSlot = await PostAsync("/api/station/goto-slot", new { place = "laser" });
        using var badPlace = await PostAsync("/api/station/goto-slot", new { slot = 1, place = "ceiling" });

        Assert.Equal(HttpStatusCode.BadRequest, noSlot.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPlace.StatusCode);
    }

    [Fact]
    public async Task Framing_traces_the_outline_over_the_slot_with_the_laser_off_as_the_twin_received_it()
    {
        var before = Twin.RecentLines().Count;
        var burnsBefore = Twin.BurnLogSnapshot().Count;

        using var response = await PostAsync("/api/station/frame", new { slot = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        Assert.Equal("laser off: the firmware profile names no pointer power", result.GetProperty("laser").GetString());
        await ApiServiceFixture.WaitUntilAsync(() => Twin.State == "Idle", "the trace to end");
        var sent = Twin.RecentLines().Skip(before).ToList();
        // Laser off before the first move, no S word above 0 (the pointer power: none), never M3/M4, M5 last.
        Assert.Equal("M5S0", sent[0]); // the controller receives lines without their spaces
        Assert.All(sent, line => Assert.True(SWords(line).All(s => s <= 0) && !line.Contains("M3", StringComparison.Ordinal) && !line.Contains("M4", StringComparison.Ordinal), line));
        // The last line but the dwell that waits for the machine to stop.
        Assert.Equal("M5", sent.Last(line => !line.StartsWith("G4", StringComparison.Ordinal)));
        // The outline: slot 2's centre (-120, -150) +- 0.71 mm, four sides back to the start.
        Assert.Equal(4, sent.Count(line => line.StartsWith("G1X", StringComparison.Ordinal)));
        Assert.Contains("G10L2P1X-120Y-150", sent);
        Assert.Equal(new Point2(-120 - 0.71, -150 - 0.71), Round(Twin.MachinePosition));
        Assert.Equal(burnsBefore, Twin.BurnLogSnapshot().Count);
    }

    [Fact]
    public async Task Overrides_outside_the_recipes_limits_are_refused_naming_the_limits_and_nothing_is_sent()
    {
        using var response = await PostAsync("/api/station/overrides", new { powerPercent = 100, feedPercent = 110 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("feedPercent 110 is outside the limits of recipe default: feed 100..100%", await DetailAsync(response), StringComparison.Ordinal);
        Assert.Equal(100, (await service.StatusAsync()).Controller!.FeedOverridePercent);
    }

    [Fact]
    public async Task Jog_go_to_slot_and_framing_are_refused_with_the_door_open_and_nothing_moves()
    {
        var before = Twin.RecentLines().Count;
        await SetDoorAsync(closed: false);
        try
        {
            await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.Interlocks.DoorClosed == false, "the door to read open");
            using var jog = await PostAsync("/api/station/jog", new { dxMm = -1, dyMm = 0, feedMmPerMin = 1000 });
            using var slot = await PostAsync("/api/station/goto-slot", new { slot = 1 });
            using var frame = await PostAsync("/api/station/frame", new { slot = 1 });

            foreach (var (response, what) in new[] { (jog, "Jog"), (slot, "Go to slot 1"), (frame, "Framing slot 1") })
            {
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                Assert.Equal($"{what} refused: the door is open: close it first. Nothing was sent.", await DetailAsync(response));
            }

            Assert.Equal(before, Twin.RecentLines().Count);
        }
        finally
        {
            await SetDoorAsync(closed: true);
        }
    }

    private Engraver.Simulator.Grbl.GrblSimulator Twin => service.Runtime.Rig!.Simulator!;

    private Task<HttpResponseMessage> PostAsync(string path, object body) =>
        service.Client(ApiServiceFixture.OperatorKey).PostAsJsonAsync(path, body);

    private async Task SetDoorAsync(bool closed)
    {
        using var response = await PostAsync("/api/simulator/inputs/DoorClosed", new { healthy = closed });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();

    private static IEnumerable<double> SWords(string line) =>
        SWord().Matches(line).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    private static Point2 Round(Point2 p) => new(Math.Round(p.X, 2), Math.Round(p.Y, 2));

    [GeneratedRegex(@"S(-?[0-9.]+)")]
    private static partial Regex SWord();
}
