using System.Diagnostics;
using Engraver.Core.Firmware;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

/// <summary>A controller that freezes mid-job is stopped (soft reset, laser off) before the timeout is
/// reported, so it burns nothing more when it runs again; lines it would refuse are refused before a byte
/// is sent.</summary>
public sealed partial class GrblClientTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_controller_frozen_mid_stream_is_reset_before_the_timeout_is_reported_and_burns_nothing_after()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.05 }, new GrblClientOptions { ResponseTimeout = TimeSpan.FromSeconds(1) });
        var midway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = station.Client.StreamAsync(ZigZag(400), new SynchronousProgress(n => _ = n == 30 && midway.TrySetResult()), CancellationToken.None);
        await midway.Task;

        station.Simulator.Faults.Stall();
        var timeout = await Assert.ThrowsAsync<GrblTimeoutException>(() => stream);
        var reported = Stopwatch.GetTimestamp();
        station.Simulator.Faults.EndStall();
        await WaitUntilAsync(() => station.Simulator.State is "Idle" or "Alarm");

        Assert.Contains("soft reset", timeout.Message, StringComparison.Ordinal);
        Assert.Equal("Alarm", station.Simulator.State);
        Assert.DoesNotContain(station.Simulator.TimedBurnLogSnapshot(), burn => burn.Ended > reported);
    }

    [Fact]
    public async Task A_controller_frozen_while_the_station_waits_for_idle_is_reset_before_the_timeout_is_reported()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 1 }, new GrblClientOptions { ResponseTimeout = TimeSpan.FromSeconds(1) });
        await station.Client.StreamAsync(["M4 S800", "G1 X20 F600"], null, CancellationToken.None);
        await WaitUntilAsync(() => station.Simulator.BurnLogSnapshot().Count > 0 || station.Simulator.State == "Run");

        station.Simulator.Faults.Stall();
        var timeout = await Assert.ThrowsAsync<GrblTimeoutException>(() => station.Client.WaitUntilIdleAsync(CancellationToken.None));
        var reported = Stopwatch.GetTimestamp();
        station.Simulator.Faults.EndStall();
        await WaitUntilAsync(() => station.Simulator.State is "Idle" or "Alarm");

        Assert.Contains("soft reset", timeout.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(station.Simulator.TimedBurnLogSnapshot(), burn => burn.Ended > reported);
        Assert.True(station.Simulator.MachinePosition.X < 20, $"the move ran to its end: X {station.Simulator.MachinePosition.X}");
    }

    [Fact]
    public async Task A_move_sent_to_a_frozen_controller_is_dropped_by_the_reset_that_follows_the_timeout()
    {
        await using var station = await HomedStationAsync(clientOptions: new GrblClientOptions { ResponseTimeout = TimeSpan.FromSeconds(1) });
        var before = station.Simulator.MachinePosition;
        var banner = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        station.Client.MessageReceived += (_, message) => _ = message is GrblBanner && banner.TrySetResult();

        station.Simulator.Faults.Stall();
        await Assert.ThrowsAsync<GrblTimeoutException>(() => station.Client.SendCommandAsync("G0 X5 Y5", CancellationToken.None));
        station.Simulator.Faults.EndStall();
        await banner.Task.WaitAsync(Generous);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(before, station.Simulator.MachinePosition);
        Assert.Equal(0, station.Simulator.LinesReceived);
        Assert.Equal(GrblMachineState.Idle, status.State);
    }

    [Fact]
    public async Task A_program_with_a_line_over_the_line_buffer_is_refused_naming_the_line_before_a_byte_is_sent()
    {
        await using var station = await HomedStationAsync();
        var lines = ZigZag(10);
        lines[5] = "G1 X1 Y" + new string('1', 75);

        var refused = await Assert.ThrowsAsync<LineTooLongException>(() => station.Client.StreamAsync(lines, null, CancellationToken.None));

        Assert.Equal(6, refused.LineNumber);
        Assert.Contains("Line 6 has 80 characters", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at most 79", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, station.Simulator.LinesReceived);
    }

    [Fact]
    public async Task A_line_longer_than_the_receive_buffer_is_refused_before_a_byte_is_sent()
    {
        await using var station = await HomedStationAsync();
        var lines = ZigZag(10);
        lines[2] = "G1 X1 Y1 (" + new string('c', 120) + ")";

        var refused = await Assert.ThrowsAsync<LineTooLongException>(() => station.Client.StreamAsync(lines, null, CancellationToken.None));

        Assert.Equal(3, refused.LineNumber);
        Assert.Contains("receive buffer", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, station.Simulator.LinesReceived);
    }

    [Fact]
    public async Task The_planner_size_reported_by_the_controller_replaces_the_profiles()
    {
        await using var station = SimulatedStation.Open(
            new SimulatorOptions { PlannerBlocks = 7 },
            profile: FirmwareProfiles.Grbl11 with { PlannerBlocks = 15 });

        await station.Client.ConnectAsync(CancellationToken.None);

        Assert.Equal(7, station.Client.PlannerBlocks);
        Assert.Equal(15, FirmwareProfiles.Grbl11.PlannerBlocks);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < Generous, "the condition was not reached");
            await Task.Delay(10);
        }
    }

}
