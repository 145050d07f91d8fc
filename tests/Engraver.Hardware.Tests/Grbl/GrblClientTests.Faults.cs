using System.Globalization;
using System.Text;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

/// <summary>Faults over the real pseudo-terminal: each is reported as its own type, none is swallowed.</summary>
public sealed partial class GrblClientTests
{
    /// <summary>Budget for noticing a pulled cable; exceeding it fails the test with a TimeoutException.</summary>
    private static readonly TimeSpan UnplugBudget = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task An_alarm_at_line_k_stops_the_stream_with_the_alarm()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.02 });
        station.Simulator.Faults.AlarmAtLine(40, code: 1);
        var acknowledged = 0;

        var alarm = await Assert.ThrowsAsync<GrblAlarmException>(() =>
            station.Client.StreamAsync(ZigZag(200), new SynchronousProgress(n => acknowledged = n), CancellationToken.None));

        Assert.Equal(1, alarm.Code);
        Assert.Contains("Hard limit", alarm.Message, StringComparison.Ordinal);
        Assert.Equal(39, acknowledged);
        Assert.Equal("Alarm", station.Simulator.State);
    }

    [Fact]
    public async Task An_unplugged_cable_mid_stream_is_reported_as_link_lost_within_a_second()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.02 });
        var midway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = station.Client.StreamAsync(ZigZag(500), new SynchronousProgress(n => _ = n == 30 && midway.TrySetResult()), CancellationToken.None);
        await midway.Task;

        station.Simulator.Unplug();

        await Assert.ThrowsAsync<GrblLinkLostException>(() => stream.WaitAsync(UnplugBudget));
    }

    [Fact]
    public async Task A_reboot_mid_job_is_reported_as_a_reset()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.02 });
        var midway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = station.Client.StreamAsync(ZigZag(500), new SynchronousProgress(n => _ = n == 30 && midway.TrySetResult()), CancellationToken.None);
        await midway.Task;

        await station.Simulator.RebootAsync();

        var reset = await Assert.ThrowsAsync<GrblResetException>(() => stream);
        Assert.Contains("rebooted", reset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_controller_that_stops_answering_times_out()
    {
        await using var station = await HomedStationAsync(clientOptions: new GrblClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) });
        station.Simulator.LinkFaults.Silent = true;

        var timeout = await Assert.ThrowsAsync<GrblTimeoutException>(() => station.Client.StreamAsync(ZigZag(20), null, CancellationToken.None));

        Assert.Contains("line 1", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_safety_door_held_open_longer_than_the_response_timeout_holds_the_stream_until_resumed()
    {
        var responseTimeout = TimeSpan.FromMilliseconds(300);
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.02 }, new GrblClientOptions { ResponseTimeout = responseTimeout });
        var midway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = station.Client.StreamAsync(ZigZag(200), new SynchronousProgress(n => _ = n == 20 && midway.TrySetResult()), CancellationToken.None);
        await midway.Task;

        await station.Client.SendRealtimeAsync(GrblRealtime.SafetyDoor, CancellationToken.None);
        await Task.Delay(responseTimeout * 5);
        var held = await station.Client.QueryStatusAsync(CancellationToken.None);
        var failedWhileHeld = stream.IsFaulted;
        await station.Client.SendRealtimeAsync(GrblRealtime.CycleStart, CancellationToken.None);
        var result = await stream;

        Assert.Equal(GrblMachineState.Door, held.State);
        Assert.False(failedWhileHeld, stream.Exception?.ToString());
        Assert.Equal(200, result.Lines);
    }

    [Fact]
    public async Task A_full_planner_answering_late_during_long_moves_is_not_a_timeout()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.15 }, new GrblClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) });
        // Each move takes 10 s at full scale (1.5 s here); the 16th line waits for the first to finish.
        var lines = Enumerable.Range(0, 17).Select(i => i % 2 == 0 ? "G1 X-11 F60" : "G1 X-1 F60").ToList();

        var result = await station.Client.StreamAsync(lines, null, CancellationToken.None);

        Assert.Equal(17, result.Lines);
    }

    [Fact]
    public async Task Garbage_on_the_line_is_reported_and_does_not_lose_an_ok()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.005 });
        var noise = new List<GrblNoise>();
        station.Client.NoiseReceived += (_, n) =>
        {
            lock (noise)
            {
                noise.Add(n);
            }
        };
        byte[][] garbage =
        [
            [0x00, 0xFF, 0xC3, 0x28, 0x80],
            Encoding.ASCII.GetBytes("<Idle|MPos:0.0\r\n"),
            Encoding.ASCII.GetBytes(new string('x', 1500) + "\r\n"),
            [0xE2, 0x82],
        ];
        var faults = station.Simulator.LinkFaults;
        var lines = ZigZag(300);

        var result = await station.Client.StreamAsync(lines, new SynchronousProgress(n =>
        {
            if (n % 50 == 0)
            {
                faults.InjectNoise(garbage[(n / 50) % garbage.Length]);
            }
        }), CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Equal(lines.Count, result.Lines);
        Assert.Equal(lines.Count + 1, station.Simulator.LinesReceived); // and the sync dwell
        Assert.NotEmpty(noise);
        Assert.Equal(0, station.Simulator.RxOverruns);
    }

    [Fact]
    public async Task Send_and_wait_streams_every_line_in_order()
    {
        await using var station = await HomedStationAsync();
        var acknowledged = new List<int>();

        var result = await station.Client.StreamAsync(Marking, Engraver.Core.Firmware.StreamingMode.SendAndWait, new SynchronousProgress(acknowledged.Add), CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, Marking.Length), acknowledged);
        Assert.Equal(MarkingBurns, station.Simulator.BurnLogSnapshot());
        Assert.Equal(Marking.Sum(l => l.Length + 1), result.Bytes);
    }

    [Fact]
    public async Task An_answer_with_no_line_waiting_stops_further_lines_until_reconnected()
    {
        await using var station = await HomedStationAsync();
        station.Simulator.LinkFaults.InjectNoise("ok\r\n"u8);

        await station.Client.QueryStatusAsync(CancellationToken.None); // the stray "ok" arrives ahead of this report

        await Assert.ThrowsAsync<GrblBufferAccountingException>(() => station.Client.SendCommandAsync("G4 P0", CancellationToken.None));
        await station.Client.ConnectAsync(CancellationToken.None);
        Assert.True((await station.Client.SendCommandAsync("$G", CancellationToken.None)).IsOk);
    }

    private static List<string> ZigZag(int count)
    {
        var lines = new List<string> { "M4 S1000", "G1 X0 Y0 F600" };
        for (var i = lines.Count + 1; i <= count; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"G1 X{-(i % 2)} Y{-i * 0.01:0.000}"));
        }

        return lines;
    }
}
