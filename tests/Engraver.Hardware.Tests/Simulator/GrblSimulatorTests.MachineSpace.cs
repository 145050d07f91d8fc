using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;

namespace Engraver.Hardware.Tests.Simulator;

/// <summary>Machine coordinates as GRBL 1.1h has them: power-up at 0,0,0, homing into negative space
/// (limits.c limits_go_home), soft limits over [-$13x, 0] (system.c system_check_travel_limits).</summary>
public sealed partial class GrblSimulatorTests
{
    [Fact]
    public async Task The_twin_powers_up_at_machine_zero()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);

        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(new GrblPosition(0, 0, 0), status.MachinePosition);
    }

    [Fact]
    public async Task Homing_with_default_directions_ends_one_pull_off_below_zero_on_every_axis()
    {
        await using var station = await HomedAsync();

        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(new GrblPosition(-1, -1, -1), status.MachinePosition);
    }

    [Fact]
    public async Task Homing_towards_the_negative_ends_of_x_and_y_ends_at_minus_max_travel_plus_pull_off()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.SendCommandAsync("$23=3", CancellationToken.None);
        await station.Client.SendCommandAsync("$27=2", CancellationToken.None);

        await station.Client.HomeAsync(CancellationToken.None);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(new GrblPosition(-198, -198, -2), status.MachinePosition);
    }

    [Fact]
    public async Task With_soft_limits_a_move_just_above_zero_raises_alarm_2_and_asks_for_a_reset()
    {
        await using var station = await HomedAsync();
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);
        var resetAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        station.Client.MessageReceived += (_, message) =>
        {
            if (message == new GrblFeedback("MSG", "Reset to continue"))
            {
                resetAsked.TrySetResult();
            }
        };

        var alarm = await Assert.ThrowsAsync<GrblAlarmException>(() => station.Client.SendCommandAsync("G0 X0.001", CancellationToken.None));

        Assert.Equal(2, alarm.Code);
        await resetAsked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Alarm", station.Simulator.State);
    }

    [Fact]
    public async Task After_a_soft_limit_alarm_the_controller_answers_nothing_until_a_soft_reset()
    {
        await using var station = SimulatedStation.Open(clientOptions: new GrblClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) });
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.HomeAsync(CancellationToken.None);
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);
        await Assert.ThrowsAsync<GrblAlarmException>(() => station.Client.SendCommandAsync("G0 Y1", CancellationToken.None));

        await Assert.ThrowsAsync<GrblTimeoutException>(() => station.Client.QueryStatusAsync(CancellationToken.None));
        var received = new List<GrblMessage>();
        station.Client.MessageReceived += (_, message) =>
        {
            lock (received)
            {
                received.Add(message);
            }
        };
        var connection = await station.Client.ConnectAsync(CancellationToken.None);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(GrblMachineState.Alarm, connection.State);
        Assert.Equal(new GrblPosition(-1, -1, -1), status.MachinePosition);
        lock (received)
        {
            // As GRBL 1.1h answers: the alarmed line's "ok" comes with the reset, before the banner.
            Assert.IsType<GrblOk>(received[0]);
            Assert.IsType<GrblBanner>(received[1]);
        }
    }

    [Theory]
    [InlineData("G0 X-200.001")]
    [InlineData("G0 Y-200.001")]
    [InlineData("G0 Z-50.001")]
    [InlineData("G0 Z0.5")]
    public async Task With_soft_limits_a_move_beyond_an_end_of_the_travel_raises_alarm_2(string move)
    {
        await using var station = await HomedAsync();
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);

        var alarm = await Assert.ThrowsAsync<GrblAlarmException>(() => station.Client.SendCommandAsync(move, CancellationToken.None));

        Assert.Equal(2, alarm.Code);
    }

    [Fact]
    public async Task With_soft_limits_moves_to_both_ends_of_the_travel_are_accepted()
    {
        await using var station = await HomedAsync();
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);

        await station.Client.StreamAsync(["G0 X-200 Y-200 Z-50", "G0 X0 Y0 Z0"], null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(GrblMachineState.Idle, status.State);
        Assert.Equal(new GrblPosition(0, 0, 0), status.MachinePosition);
    }

    [Theory]
    [InlineData("G91 X1.5 F600")]
    [InlineData("G91 Y-199.5 F600")]
    [InlineData("G53 X-200.5 F600")]
    [InlineData("G91 Z2 F600")]
    public async Task With_soft_limits_a_jog_beyond_the_travel_is_answered_error_15_and_nothing_moves(string jog)
    {
        await using var station = await HomedAsync();
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.JogAsync(jog, CancellationToken.None));
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(15, error.Code);
        Assert.Equal(new GrblPosition(-1, -1, -1), status.MachinePosition);
    }

    [Fact]
    public async Task With_soft_limits_a_jog_to_the_ends_of_the_travel_is_accepted()
    {
        await using var station = await HomedAsync();
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);

        await station.Client.JogAsync("G91 X1 Y-199 F6000", CancellationToken.None);
        // Not the G4 sync: GRBL refuses G-code while it jogs (error:9), so the status is polled until Idle.
        await WaitForAsync(station, GrblMachineState.Idle);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(new GrblPosition(0, -200, -1), status.MachinePosition);
    }
}
