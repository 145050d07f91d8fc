using System.Globalization;
using Engraver.Core.Geometry;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.Grbl;
using Engraver.Simulator.Laser;

namespace Engraver.Hardware.Tests.Grbl;

/// <summary>The client against the GRBL simulator over a real pseudo-terminal.</summary>
public sealed partial class GrblClientTests
{
    // Line 1 sets G54 to the pin centre (-50, -40), in GRBL's negative machine space; the rest is in pin-local coordinates. Numbering
    // matches the simulator's, which restarts at the soft reset ConnectAsync sends ($H is not G-code).
    private static readonly string[] Marking =
    [
        "G10 L2 P1 X-50 Y-40",
        "G21 G90 (millimetres, absolute)",
        "M4 S500",
        "G0 X0 Y0",
        "G1 X1 Y0 F600",
        "G1 X1 Y1 ; up",
        "G0 X2 Y2",
        "G1 X3 Y2",
        "M5",
    ];

    private static readonly BurnSegment[] MarkingBurns =
    [
        new(new Point2(-50, -40), new Point2(-49, -40), 0.5, 600),
        new(new Point2(-49, -40), new Point2(-49, -39), 0.5, 600),
        new(new Point2(-48, -38), new Point2(-47, -38), 0.5, 600),
    ];

    [Fact]
    public async Task Connect_reads_the_banner_and_build_info()
    {
        await using var station = SimulatedStation.Open();

        var connection = await station.Client.ConnectAsync(CancellationToken.None);

        Assert.Equal("Grbl 1.1h ['$' for help]", connection.Banner);
        Assert.Equal("1.1h", connection.Version);
        Assert.Equal("1.1h.20190830", connection.BuildVersion);
        Assert.Equal(128, connection.RxBufferBytes);
        Assert.Equal(15, connection.PlannerBlocks);
        Assert.Equal(GrblMachineState.Alarm, connection.State);
    }

    [Fact]
    public async Task Streamed_laser_lines_burn_the_expected_machine_segments()
    {
        await using var station = await HomedStationAsync();
        var acknowledged = new List<int>();

        await station.Client.StreamAsync(Marking, new SynchronousProgress(acknowledged.Add), CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Equal(MarkingBurns, station.Simulator.BurnLogSnapshot());
        Assert.Equal(Enumerable.Range(1, Marking.Length), acknowledged);
        Assert.Equal(new Point2(-47, -38), station.Simulator.MachinePosition);
    }

    [Fact]
    public async Task A_line_lost_to_noise_is_acknowledged_but_its_segment_is_missing()
    {
        await using var station = await HomedStationAsync();
        station.Simulator.Faults.SkipLine(6);

        await station.Client.StreamAsync(Marking, null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Equal([MarkingBurns[0], MarkingBurns[2]], station.Simulator.BurnLogSnapshot());
    }

    [Fact]
    public async Task An_error_reply_stops_the_stream_naming_the_line()
    {
        await using var station = await HomedStationAsync();
        station.Simulator.Faults.RespondError(6, 20);

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.StreamAsync(Marking, null, CancellationToken.None));

        Assert.Equal(6, error.LineNumber);
        Assert.Equal(20, error.Code);
        Assert.Equal(Marking[5], error.Line);
        Assert.Contains("line 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unsupported or invalid g-code command", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MarkingBurns[1], station.Simulator.BurnLogSnapshot());
        Assert.Equal(0, station.Simulator.LinesReceived); // the stop soft-reset the controller
    }

    [Fact]
    public async Task Streaming_500_lines_never_overruns_the_receive_buffer()
    {
        await using var station = await HomedStationAsync(new SimulatorOptions { TimeScale = 0.02 });
        var lines = new List<string> { "G10 L2 P1 X-20 Y-20", "M4 S1000", "G1 X0 Y0 F600" };
        for (var i = 1; i <= 497; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"G1 X{-(i % 2)} Y{-i * 0.01:0.000} (zig-zag {i})"));
        }

        await station.Client.StreamAsync(lines, null, CancellationToken.None);
        await station.Client.WaitUntilIdleAsync(CancellationToken.None);

        Assert.Equal(0, station.Simulator.RxOverruns);
        Assert.Equal(501, station.Simulator.LinesReceived);
        Assert.Equal(498, station.Simulator.BurnLogSnapshot().Count);
    }

    [Fact]
    public async Task A_rejected_command_throws_with_the_profile_text()
    {
        await using var station = await HomedStationAsync();

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G5", CancellationToken.None));

        Assert.Equal(20, error.Code);
        Assert.Null(error.LineNumber);
        Assert.Equal(FirmwareProfiles.Grbl11.DescribeError(20), error.Description);
    }

    [Fact]
    public async Task G_code_before_homing_is_locked_out()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G0 X1", CancellationToken.None));

        Assert.Equal(9, error.Code);
    }

    [Fact]
    public async Task Unlock_reports_the_caution_message_and_leaves_alarm()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);

        var reply = await station.Client.UnlockAsync(CancellationToken.None);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Contains(new GrblFeedback("MSG", "Caution: Unlocked"), reply.Info);
        Assert.Equal(GrblMachineState.Idle, status.State);
    }

    [Fact]
    public async Task Status_shows_the_work_offset_after_g10()
    {
        await using var station = await HomedStationAsync();

        await station.Client.SendCommandAsync("G10 L2 P1 X-50 Y-40", CancellationToken.None);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(new GrblPosition(-50, -40, 0), status.WorkCoordinateOffset);
        Assert.Equal(new GrblPosition(-1, -1, -1), status.MachinePosition);
    }

    [Fact]
    public async Task A_closed_controller_fails_the_client_with_link_lost()
    {
        await using var station = await HomedStationAsync();

        await station.Simulator.DisposeAsync();

        await Assert.ThrowsAsync<GrblLinkLostException>(() => station.Client.QueryStatusAsync(CancellationToken.None));
    }

    private static async Task<SimulatedStation> HomedStationAsync(SimulatorOptions? options = null, GrblClientOptions? clientOptions = null)
    {
        var station = SimulatedStation.Open(options, clientOptions);
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.HomeAsync(CancellationToken.None);
        return station;
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this reports inline so order is kept.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
