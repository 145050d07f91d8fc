using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engraver.Core.Geometry;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>POST /api/station/jog on the service running the twin, homed at X -1 Y -1 in GRBL's machine space
/// (travel X -200..0, Y -200..0 from the controller's $130/$131).</summary>
public class JogEndpointTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    private static readonly Point2 Homed = new(-1, -1);

    [Theory]
    [InlineData(0, 5, 0, "X 4 is outside the travel X -200..0 ($130=200)")]
    [InlineData(0, 0, 1.5, "Y 0.5 is outside the travel Y -200..0 ($131=200)")]
    [InlineData(-100, 0, -100, "Y -201 is outside the travel Y -200..0 ($131=200)")]
    public async Task A_jog_outside_the_travel_is_refused_409_naming_axis_and_limits_and_nothing_is_sent(double firstDy, double dx, double dy, string expected)
    {
        if (firstDy != 0)
        {
            using var first = await JogAsync(0, firstDy);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            await WaitForPositionAsync(new Point2(Homed.X, Homed.Y + firstDy));
        }

        var before = Position();
        using var response = await JogAsync(dx, dy);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", detail, StringComparison.Ordinal);
        await service.Runtime.Rig!.Controller.WaitUntilIdleAsync(CancellationToken.None); // a jog sent would have run by now
        Assert.Equal(before, Position());
        var jog = (await service.CommandsAsync()).Last(c => c.Record.Command == "jog").Record;
        Assert.StartsWith("Refused: ", jog.Outcome, StringComparison.Ordinal);
        await ReturnHomeAsync();
    }

    [Fact]
    public async Task A_jog_inside_the_travel_moves_the_machine()
    {
        using var response = await JogAsync(-3, -2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForPositionAsync(new Point2(-4, -3));
        await ReturnHomeAsync();
    }

    [Fact]
    public async Task A_jog_the_controller_refuses_for_its_soft_limits_is_explained_in_words()
    {
        // The controller's travel shrinks after connect (someone set $130 at its console) and its soft
        // limits are on: the station's check passes, the controller answers error:15.
        var controller = service.Runtime.Rig!.Controller;
        await controller.SendCommandAsync("$130=10", CancellationToken.None);
        await controller.SendCommandAsync("$20=1", CancellationToken.None);
        try
        {
            using var response = await JogAsync(-20, 0);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            Assert.Contains("the jog target X -21 Y -1 is outside the machine's travel", detail, StringComparison.Ordinal);
            Assert.Contains("error:15", detail, StringComparison.Ordinal);
            await controller.WaitUntilIdleAsync(CancellationToken.None);
            Assert.Equal(Homed, Position());
        }
        finally
        {
            await controller.SendCommandAsync("$20=0", CancellationToken.None);
            await controller.SendCommandAsync("$130=200", CancellationToken.None);
        }
    }

    private Task<HttpResponseMessage> JogAsync(double dx, double dy) =>
        service.Client(ApiServiceFixture.OperatorKey).PostAsJsonAsync("/api/station/jog", new { dxMm = dx, dyMm = dy, feedMmPerMin = 3000 });

    private Point2 Position() => service.Runtime.Rig!.Simulator!.MachinePosition;

    private Task WaitForPositionAsync(Point2 expected) =>
        ApiServiceFixture.WaitUntilAsync(() => Position() == expected && service.Runtime.Rig!.Simulator!.State == "Idle", $"the machine at X {expected.X} Y {expected.Y}");

    private async Task ReturnHomeAsync()
    {
        var at = Position();
        if (at != Homed)
        {
            using var back = await JogAsync(Homed.X - at.X, Homed.Y - at.Y);
            await WaitForPositionAsync(Homed);
        }
    }
}
