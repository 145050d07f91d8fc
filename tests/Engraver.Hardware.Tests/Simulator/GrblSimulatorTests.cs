using Engraver.Core.Firmware;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Simulator;

/// <summary>GRBL 1.1 behaviour of the simulator, observed through the real pty and client.</summary>
public sealed partial class GrblSimulatorTests
{
    [Fact]
    public async Task Rapid_moves_never_burn_even_with_the_laser_on()
    {
        await using var station = await HomedAsync();

        await station.Client.StreamAsync(["M3 S1000", "G0 X-5 Y-5", "G0 X-1 Y-1", "M5"], null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Empty(station.Simulator.BurnLogSnapshot());
    }

    [Theory]
    [InlineData(80)]
    [InlineData(127)]
    [InlineData(300)]
    public async Task A_line_over_79_characters_is_answered_error_11_and_the_twin_goes_on(int characters)
    {
        // A client that does not check line lengths, so the over-long line reaches the twin.
        await using var station = await HomedAsync(checkLines: false);

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G1X" + new string('1', characters - 3), CancellationToken.None));

        Assert.Equal(11, error.Code);
        Assert.True((await station.Client.SendCommandAsync("G1 X1 F600", CancellationToken.None)).IsOk);
    }

    [Fact]
    public async Task Whitespace_comments_and_block_delete_do_not_count_towards_the_79_characters()
    {
        await using var station = await HomedAsync(checkLines: false);
        // 79 characters GRBL keeps ("X" with leading zeros), in 120 bytes with spaces, a comment and '/'.
        var kept = "G1F600X" + new string('0', 71) + "1";
        var line = "/ G1 F600 X" + new string('0', 71) + "1 (dropped) ; so is this";

        var reply = await station.Client.SendCommandAsync(line, CancellationToken.None);

        Assert.Equal(79, kept.Length);
        Assert.True(line.Length is > 79 and < 127);
        Assert.True(reply.IsOk);
    }

    [Fact]
    public async Task Power_is_s_over_the_maximum_spindle_setting()
    {
        await using var station = await HomedAsync();

        await station.Client.StreamAsync(["M4 S250 F300", "G1 X-2"], null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        var burn = Assert.Single(station.Simulator.BurnLogSnapshot());
        Assert.Equal(0.25, burn.PowerFraction);
        Assert.Equal(300, burn.FeedMmPerMin);
    }

    [Fact]
    public async Task Soft_reset_during_motion_raises_alarm_3_and_locks()
    {
        await using var station = await HomedAsync(new SimulatorOptions { TimeScale = 1 });
        var alarms = new List<int>();
        station.Client.AlarmRaised += (_, alarm) => alarms.Add(alarm.Code);

        await station.Client.SendCommandAsync("G1 X-100 F60", CancellationToken.None);
        var connection = await station.Client.ConnectAsync(CancellationToken.None);

        Assert.Equal([3], alarms);
        Assert.Equal(GrblMachineState.Alarm, connection.State);
    }

    [Fact]
    public async Task Ok_comes_before_execution_so_status_says_run_until_the_planner_drains()
    {
        await using var station = await HomedAsync(new SimulatorOptions { TimeScale = 1 });

        await station.Client.SendCommandAsync("G1 X-100 F60", CancellationToken.None);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(GrblMachineState.Run, status.State);
        Assert.Equal(60, status.FeedRate);
    }

    [Fact]
    public async Task Feed_hold_and_cycle_start_switch_between_hold_and_idle()
    {
        await using var station = await HomedAsync();

        await station.Client.SendRealtimeAsync(GrblRealtime.FeedHold, CancellationToken.None);
        var held = await station.Client.QueryStatusAsync(CancellationToken.None);
        await station.Client.SendRealtimeAsync(GrblRealtime.CycleStart, CancellationToken.None);
        var resumed = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal((GrblMachineState.Hold, 0), (held.State, held.SubState));
        Assert.Equal(GrblMachineState.Idle, resumed.State);
    }

    [Fact]
    public async Task Settings_list_holds_the_laser_mode_values()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);

        var reply = await station.Client.SendCommandAsync("$$", CancellationToken.None);

        var settings = reply.Info.OfType<GrblSetting>().ToDictionary(s => s.Number, s => s.Value);
        Assert.Equal("1", settings[22]);
        Assert.Equal("1000", settings[30]);
        Assert.Equal("0", settings[31]);
        Assert.Equal("1", settings[32]);
        Assert.Contains(130, settings.Keys);
    }

    private static async Task<SimulatedStation> HomedAsync(SimulatorOptions? options = null, bool checkLines = true)
    {
        var profile = checkLines ? FirmwareProfiles.Grbl11 : FirmwareProfiles.Grbl11 with { MaxLineLength = new LineLimit(10_000, CountsComments: false) };
        var station = SimulatedStation.Open(options, profile: profile);
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.HomeAsync(CancellationToken.None);
        return station;
    }
}
