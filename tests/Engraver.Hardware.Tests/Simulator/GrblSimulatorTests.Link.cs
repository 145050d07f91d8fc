using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Simulator;

/// <summary>Overrides, soft limits and wire faults of the simulator.</summary>
public sealed partial class GrblSimulatorTests
{
    [Fact]
    public async Task Overrides_scale_feed_and_laser_power_and_show_in_the_status()
    {
        await using var station = await HomedAsync();
        await station.Client.SendRealtimeAsync(GrblRealtime.FeedOverrideMinus10, CancellationToken.None);
        await station.Client.SendRealtimeAsync(GrblRealtime.LaserPowerOverrideMinus10, CancellationToken.None);

        var status = await station.Client.QueryStatusAsync(CancellationToken.None);
        await station.Client.StreamAsync(["M4 S500 F600", "G1 X-2"], null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Equal((90, 100, 90), status.Overrides);
        var burn = Assert.Single(station.Simulator.BurnLogSnapshot());
        Assert.Equal(540, burn.FeedMmPerMin, 6);
        Assert.Equal(0.45, burn.PowerFraction, 6);
    }

    [Fact]
    public async Task A_move_beyond_the_soft_limits_raises_alarm_2()
    {
        await using var station = await HomedAsync();
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);

        var alarm = await Assert.ThrowsAsync<GrblAlarmException>(() => station.Client.SendCommandAsync("G0 X1", CancellationToken.None));

        Assert.Equal(2, alarm.Code);
        Assert.Equal("Alarm", station.Simulator.State);
    }

    [Fact]
    public async Task A_line_lost_on_the_wire_surfaces_as_a_timeout()
    {
        await using var station = SimulatedStation.Open(clientOptions: new GrblClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) });
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.HomeAsync(CancellationToken.None);
        station.Simulator.LinkFaults.DropReceivedBytes("G4 P0\n".Length);

        await Assert.ThrowsAsync<GrblTimeoutException>(() => station.Client.SendCommandAsync("G4 P0", CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupted_byte_is_answered_with_an_error()
    {
        await using var station = await HomedAsync();
        station.Simulator.LinkFaults.CorruptReceivedBytes(1);

        await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G0 X1", CancellationToken.None));
    }
}
