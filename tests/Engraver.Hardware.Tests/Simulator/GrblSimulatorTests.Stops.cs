using Engraver.Hardware.Grbl;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Simulator;

/// <summary>How the twin stops motion, as GRBL 1.1h does (protocol.c, serial.c, motion_control.c): jog cancel ends a
/// jog idle where the head is; a soft reset once a hold has come to rest keeps the position (ALARM:3 only in motion);
/// no G-code is taken while jogging.</summary>
public sealed partial class GrblSimulatorTests
{
    [Fact]
    public async Task Jog_cancel_stops_a_jog_where_it_is_and_the_controller_is_idle_with_nothing_left()
    {
        await using var station = await HomedAsync(new SimulatorOptions { TimeScale = 1 });
        var start = station.Simulator.MachinePosition;

        await station.Client.JogAsync("G91 X-50 F600", CancellationToken.None);
        var jogging = await station.Client.QueryStatusAsync(CancellationToken.None);
        await Task.Delay(200);
        await station.Client.SendRealtimeAsync(GrblRealtime.JogCancel, CancellationToken.None);
        await WaitForAsync(station, GrblMachineState.Idle);
        var stopped = station.Simulator.MachinePosition;

        Assert.Equal(GrblMachineState.Jog, jogging.State);
        Assert.InRange(stopped.X, start.X - 49, start.X - 0.1);
        // The next relative jog starts from where the head stopped, not from the cancelled jog's target.
        await station.Client.JogAsync("G91 X1 F6000", CancellationToken.None);
        await WaitForAsync(station, GrblMachineState.Idle);
        Assert.Equal(Math.Round(stopped.X + 1, 3), Math.Round(station.Simulator.MachinePosition.X, 3));
    }

    [Fact]
    public async Task A_soft_reset_after_a_door_stop_has_come_to_rest_drops_the_move_and_keeps_the_position()
    {
        await using var station = await HomedAsync(new SimulatorOptions { TimeScale = 1 });
        var alarms = new List<int>();
        station.Client.AlarmRaised += (_, alarm) => alarms.Add(alarm.Code);

        await station.Client.SendCommandAsync("G0 X-100", CancellationToken.None);
        await Task.Delay(200);
        await station.Client.SendRealtimeAsync(GrblRealtime.SafetyDoor, CancellationToken.None);
        var held = await station.Client.QueryStatusAsync(CancellationToken.None);
        var stopped = station.Simulator.MachinePosition;
        await station.Client.StopNowAsync();
        var after = await station.Client.QueryStatusAsync(CancellationToken.None);
        await station.Client.SendRealtimeAsync(GrblRealtime.CycleStart, CancellationToken.None);
        await Task.Delay(300);

        Assert.Equal(GrblMachineState.Door, held.State);
        Assert.Empty(alarms);
        Assert.Equal(GrblMachineState.Idle, after.State);
        Assert.Equal(stopped, station.Simulator.MachinePosition);
        Assert.True(stopped.X > -100);
    }

    [Fact]
    public async Task G_code_sent_while_jogging_is_refused_with_error_9()
    {
        await using var station = await HomedAsync(new SimulatorOptions { TimeScale = 1 });

        await station.Client.JogAsync("G91 X-20 F600", CancellationToken.None);
        var refused = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G0 X-1", CancellationToken.None));

        Assert.Equal(9, refused.Code);
        await station.Client.SendRealtimeAsync(GrblRealtime.JogCancel, CancellationToken.None);
    }

    private static async Task WaitForAsync(Support.SimulatedStation station, GrblMachineState state)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await station.Client.QueryStatusAsync(limit.Token)).State != state)
        {
            await Task.Delay(20, limit.Token);
        }
    }
}
