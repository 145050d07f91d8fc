using System.Net;
using System.Net.Http.Json;
using Engraver.Core.Station;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>The twin's inputs driven over the API, as an outside test or a training session drives them.</summary>
public class SimulatorEndpointsTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    [Fact]
    public async Task Opening_the_simulated_door_shows_in_the_status_and_closing_it_clears_it()
    {
        var client = service.Client(ApiServiceFixture.OperatorKey);

        using var open = await client.PostAsJsonAsync("/api/simulator/inputs/DoorClosed", new { healthy = false });
        await ApiServiceFixture.WaitUntilAsync(() => !service.Runtime.Loop!.Snapshot.Interlocks.DoorClosed, "the door to read open");
        var opened = await service.StatusAsync();
        using var close = await client.PostAsJsonAsync("/api/simulator/inputs/DoorClosed", new { healthy = true });
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.Interlocks.DoorClosed, "the door to read closed");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.False(opened.Interlocks.DoorClosed);
        Assert.Contains("door open", opened.Reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal(StationState.Idle, service.Runtime.Loop!.Snapshot.State);
    }

    [Fact]
    public async Task An_unknown_input_is_400_listing_the_inputs()
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsJsonAsync("/api/simulator/inputs/Window", new { healthy = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("DoorClosed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
