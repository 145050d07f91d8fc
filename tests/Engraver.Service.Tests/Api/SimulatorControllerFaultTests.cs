using System.Net;
using Engraver.Core.Station;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>Controller faults injected into the twin over the API, as a recovery drill or an outside test does.</summary>
public class SimulatorControllerFaultTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_tripped_limit_switch_puts_the_station_in_alarm_until_it_is_unlocked()
    {
        await using var service = await StartAsync();

        using var trip = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/simulator/controller/limit-switch", null);

        Assert.Equal(HttpStatusCode.OK, trip.StatusCode);
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.State == StationState.Alarm, "the station to go to Alarm", Generous);
        using var unlock = await service.Client(ApiServiceFixture.SupervisorKey).PostAsync("/api/station/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Equal(StationState.Idle, service.Runtime.Loop!.Snapshot.State);
        Assert.False(service.Runtime.Loop.Snapshot.HomedSinceReset);
    }

    [Fact]
    public async Task A_pulled_cable_leaves_the_station_disconnected_and_plugged_in_again_it_reconnects_not_homed()
    {
        await using var service = await StartAsync();
        var client = service.Client(ApiServiceFixture.OperatorKey);

        using var unplug = await client.PostAsync("/api/simulator/controller/unplug", null);
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.State == StationState.Disconnected, "the link loss to be noticed", Generous);
        using var again = await client.PostAsync("/api/simulator/controller/unplug", null);
        using var replug = await client.PostAsync("/api/simulator/controller/replug", null);
        await ApiServiceFixture.WaitUntilAsync(
            () => service.Runtime.Loop!.Snapshot is { State: StationState.Idle, HomedSinceReset: false } && service.Runtime.Rig is not null,
            "the station to reconnect", Generous);

        Assert.Equal(HttpStatusCode.OK, unplug.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already pulled", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replug.StatusCode);
        var commands = await service.CommandsAsync();
        Assert.Contains(commands, c => c.Record.Command == "simulate-controller" && c.Record.Arguments.Contains("unplug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_fault_is_400_listing_the_faults()
    {
        await using var service = await StartAsync();

        using var response = await service.Client(ApiServiceFixture.OperatorKey).PostAsync("/api/simulator/controller/meteor", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit-switch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<ApiServiceFixture> StartAsync()
    {
        return await ApiServiceFixture.With(new Dictionary<string, string?>
        {
            ["Controller:ResponseTimeoutMs"] = "1500",
            ["Controller:ReconnectDelayMs"] = "100",
            ["Controller:ReconnectMaxDelayMs"] = "400",
        }).StartedAsync();
    }
}
