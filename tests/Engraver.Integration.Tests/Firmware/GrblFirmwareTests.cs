using System.Globalization;
using Engraver.Core.Firmware;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Integration.Tests.Support;
using Xunit;

namespace Engraver.Integration.Tests.Firmware;

/// <summary>The GRBL client against the real GRBL 1.1h firmware (tools/grbl-peer), every byte over a pty.
/// The firmware runs in a software-clocked simulator that is slower than a real board and jittery under
/// load: the tests wait on the controller's own states with generous limits, never on sleeps.</summary>
[Collection(GrblFirmwareCollection.Name)]
public sealed class GrblFirmwareTests
{
    private static readonly TimeSpan TestBudget = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Handshake_reads_the_banner_build_info_and_the_settings_of_the_real_firmware()
    {
        await using var peer = await GrblPeer.StartAsync();
        await using var station = await FirmwareStation.ConnectAsync(peer);

        Assert.StartsWith("Grbl 1.1h", station.Connection.Banner, StringComparison.Ordinal);
        Assert.Equal("1.1h.20190830", station.Connection.BuildVersion);
        Assert.Equal(15, station.Connection.PlannerBlocks);
        Assert.Equal(128, station.Connection.RxBufferBytes);
        Assert.Equal(GrblMachineState.Idle, station.Connection.State);
    }

    [Fact]
    public async Task Settings_check_refuses_a_controller_without_laser_mode_and_names_the_setting()
    {
        using var folder = new TempFolder();
        var settings = Path.Combine(folder.Path, "no-laser.settings");
        await File.WriteAllLinesAsync(settings, ["$32=0", "$30=1000", "$22=1"]);
        await using var peer = await GrblPeer.StartAsync(settings);

        var refused = await Assert.ThrowsAsync<GrblSettingsException>(() => FirmwareStation.ConnectAsync(peer));

        Assert.Contains(refused.Mismatches, m => m.Setting == "$32" && m.Actual == "0");
        Assert.Contains("$32=1", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StreamingMode.CharacterCounting)]
    [InlineData(StreamingMode.SendAndWait)]
    public async Task A_thousand_line_program_streams_without_error_and_ends_where_it_should(StreamingMode mode)
    {
        await using var peer = await GrblPeer.StartAsync();
        await using var station = await FirmwareStation.ConnectAsync(peer);
        using var budget = new CancellationTokenSource(TestBudget);
        await station.Client.HomeAsync(budget.Token);
        var program = ZigZag(1000, laserOn: true);
        var acknowledged = 0;

        var result = await station.Client.StreamAsync(program, mode, new SynchronousProgress(n => acknowledged = n), budget.Token);
        await station.Client.WaitUntilIdleAsync(budget.Token);

        Assert.Equal(1000, acknowledged);
        Assert.NotNull(result);
        var status = await station.Client.QueryStatusAsync(budget.Token);
        Assert.Equal(GrblMachineState.Idle, status.State);
        Assert.Equal(-40.0, status.MachinePosition!.Value.X, 3);
        Assert.Equal(-40.0 + (999 % 2 == 1 ? 0.5 : 0), status.MachinePosition!.Value.Y, 3);
    }

    [Fact]
    public async Task An_error_at_line_k_stops_the_stream_naming_the_line_and_leaves_the_controller_reset()
    {
        await using var peer = await GrblPeer.StartAsync();
        await using var station = await FirmwareStation.ConnectAsync(peer);
        using var budget = new CancellationTokenSource(TestBudget);
        await station.Client.HomeAsync(budget.Token);
        var program = ZigZag(200, laserOn: true).ToList();
        program[119] = "G1 X-41 Y-40 Q7";

        var error = await Assert.ThrowsAsync<GrblErrorException>(() =>
            station.Client.StreamAsync(program, StreamingMode.CharacterCounting, null, budget.Token));

        Assert.Equal(120, error.LineNumber);
        Assert.Equal(20, error.Code);
        var status = await station.Client.QueryStatusAsync(budget.Token);
        Assert.True(status.State is GrblMachineState.Idle or GrblMachineState.Alarm, $"after the stop the controller reports {status.State}");
    }

    [Fact]
    public async Task The_firmware_answers_error_11_past_79_characters_and_the_profile_refuses_such_a_line_before_sending()
    {
        await using var peer = await GrblPeer.StartAsync();
        var longest = "G1X-1.000000Y-1.000000F600" + new string('0', 79 - 26);
        var tooLong = longest + "0";
        using var budget = new CancellationTokenSource(TestBudget);

        // The profile's limit, as the station uses it: nothing is sent.
        await using (var station = await FirmwareStation.ConnectAsync(peer))
        {
            await station.Client.HomeAsync(budget.Token);
            Assert.True((await station.Client.SendCommandAsync(longest, budget.Token)).IsOk);
            await Assert.ThrowsAsync<LineTooLongException>(() => station.Client.SendCommandAsync(tooLong, budget.Token));
        }

        // The firmware's own answer, with the limit lifted on our side: the profile's 79 is the firmware's.
        var unlimited = RepositoryFiles.Grbl11() with { MaxLineLength = new LineLimit(200, CountsComments: false) };
        await using var lifted = await FirmwareStation.ConnectAsync(peer, unlimited);
        await lifted.Client.HomeAsync(budget.Token);
        var refused = await Assert.ThrowsAsync<GrblErrorException>(() => lifted.Client.SendCommandAsync(tooLong, budget.Token));
        Assert.Equal(11, refused.Code);
        Assert.Equal(79, longest.Length);
    }

    [Fact]
    public async Task With_homing_enabled_the_controller_powers_up_in_alarm_until_homed()
    {
        await using var peer = await GrblPeer.StartAsync();
        await peer.StopAsync();
        await peer.StartAgainAsync();

        await using var station = await FirmwareStation.ConnectAsync(peer);
        using var budget = new CancellationTokenSource(TestBudget);

        Assert.Equal(GrblMachineState.Alarm, station.Connection.State);
        var locked = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G0 X-5", budget.Token));
        Assert.Equal(9, locked.Code);
        await station.Client.HomeAsync(budget.Token);
        Assert.Equal(GrblMachineState.Idle, (await station.Client.QueryStatusAsync(budget.Token)).State);
    }

    [Fact]
    public async Task Homing_with_the_emulated_switches_ends_at_minus_the_pull_off_in_negative_machine_space()
    {
        await using var peer = await GrblPeer.StartAsync();
        await using var station = await FirmwareStation.ConnectAsync(peer);
        using var budget = new CancellationTokenSource(TestBudget);

        await station.Client.HomeAsync(budget.Token);

        var status = await station.Client.QueryStatusAsync(budget.Token);
        Assert.Equal(GrblMachineState.Idle, status.State);
        Assert.Equal(-1.0, status.MachinePosition!.Value.X, 3);
        Assert.Equal(-1.0, status.MachinePosition!.Value.Y, 3);
        Assert.Equal(-1.0, status.MachinePosition!.Value.Z, 3);
    }

    [Fact]
    public async Task The_safety_door_holds_the_motion_and_cycle_start_resumes_it_once_closed()
    {
        await using var peer = await GrblPeer.StartAsync();
        await using var station = await FirmwareStation.ConnectAsync(peer);
        using var budget = new CancellationTokenSource(TestBudget);
        await station.Client.HomeAsync(budget.Token);
        await station.Client.SendCommandAsync("G1 X-150 Y-150 F3000", budget.Token);
        await WaitForStateAsync(station.Client, GrblMachineState.Run, budget.Token);

        await station.Client.SendRealtimeAsync(GrblRealtime.SafetyDoor, budget.Token);
        // Door:2 while the hold decelerates; cycle start is taken only at Door:0, "ready to resume".
        await WaitForStateAsync(station.Client, GrblMachineState.Door, budget.Token, subState: 0);
        var held = (await station.Client.QueryStatusAsync(budget.Token)).MachinePosition!.Value;
        await station.Client.SendRealtimeAsync(GrblRealtime.CycleStart, budget.Token);
        await station.Client.WaitUntilIdleAsync(budget.Token);

        Assert.True(held.X > -150, $"the door held the move before its end (held at X{held.X})");
        var end = (await station.Client.QueryStatusAsync(budget.Token)).MachinePosition!.Value;
        Assert.Equal(-150.0, end.X, 3);
        Assert.Equal(-150.0, end.Y, 3);
    }

    [Fact]
    public async Task A_move_outside_the_travel_raises_the_soft_limit_alarm()
    {
        await using var peer = await GrblPeer.StartAsync();
        await using var station = await FirmwareStation.ConnectAsync(peer);
        using var budget = new CancellationTokenSource(TestBudget);
        await station.Client.HomeAsync(budget.Token);
        var alarmed = new TaskCompletionSource<GrblAlarm>(TaskCreationOptions.RunContinuationsAsynchronously);
        station.Client.AlarmRaised += (_, alarm) => alarmed.TrySetResult(alarm);

        try
        {
            await station.Client.SendCommandAsync("G0 X10", budget.Token);
        }
        catch (GrblException)
        {
            // Whether the line's own answer or the alarm comes first is the firmware's timing.
        }

        var alarm = await alarmed.Task.WaitAsync(budget.Token);
        Assert.Equal(2, alarm.Code);

        // GRBL answers nothing after a soft-limit alarm, not even '?', until it is reset, and drops a reset that
        // comes while it is still reporting the alarm. Connecting again (as the station's unlock does) resets
        // it until it answers; then it stays locked in Alarm until unlocked or homed.
        var again = await station.Client.ConnectAsync(budget.Token);
        Assert.Equal(GrblMachineState.Alarm, again.State);
        var locked = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.SendCommandAsync("G0 X-5", budget.Token));
        Assert.Equal(9, locked.Code);
        var noJog = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.JogAsync("G91 X-5 F1000", budget.Token));
        Assert.Equal(8, noJog.Code);
    }

    [Fact]
    public async Task A_jog_beyond_the_travel_is_refused_with_error_15()
    {
        await using var peer = await GrblPeer.StartAsync();
        await using var station = await FirmwareStation.ConnectAsync(peer);
        using var budget = new CancellationTokenSource(TestBudget);
        await station.Client.HomeAsync(budget.Token);

        var refused = await Assert.ThrowsAsync<GrblErrorException>(() => station.Client.JogAsync("G91 X5 F1000", budget.Token));

        Assert.Equal(15, refused.Code);
        Assert.Equal(GrblMachineState.Idle, (await station.Client.QueryStatusAsync(budget.Token)).State);
    }

    /// <summary>A zig-zag of short G1 moves around X-40 Y-40: inside the travel of a homed machine.</summary>
    internal static IReadOnlyList<string> ZigZag(int lines, bool laserOn)
    {
        var program = new List<string>(lines);
        for (var i = 0; i < lines; i++)
        {
            var x = i % 2 == 0 ? -40.5 : -40.0;
            var y = -40.0 + (i % 2 == 1 ? 0.5 : 0);
            program.Add(i == 0
                ? string.Create(CultureInfo.InvariantCulture, $"G90 G1 X{x:0.###} Y{y:0.###} F3000 {(laserOn ? "M4 S100" : "M5")}")
                : string.Create(CultureInfo.InvariantCulture, $"G1 X{x:0.###} Y{y:0.###}"));
        }

        return program;
    }

    private static async Task WaitForStateAsync(GrblClient client, GrblMachineState state, CancellationToken cancellationToken, int? subState = null)
    {
        while (true)
        {
            GrblStatusReport status;
            try
            {
                status = await client.QueryStatusAsync(cancellationToken);
            }
            catch (GrblTimeoutException)
            {
                // The firmware does not answer '?' while it resets or homes: ask again.
                continue;
            }

            if (status.State == state && (subState is null || status.SubState == subState))
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}

/// <summary>The firmware simulator is CPU-bound: its tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GrblFirmwareCollection
{
    public const string Name = "GRBL firmware";
}

/// <summary>A GRBL client connected to a peer over a real serial port.</summary>
internal sealed class FirmwareStation : IAsyncDisposable
{
    private readonly SerialPortLink _link;

    private FirmwareStation(SerialPortLink link, GrblClient client, GrblConnection connection)
    {
        _link = link;
        Client = client;
        Connection = connection;
    }

    public GrblClient Client { get; }

    public GrblConnection Connection { get; }

    public static async Task<FirmwareStation> ConnectAsync(GrblPeer peer, FirmwareProfile? profile = null)
    {
        // A peer that has just started can drop the line once while it settles (the simulator's pty);
        // the station's own reconnect would open the port again, and so does this.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await OpenAsync(peer, profile);
            }
            catch (GrblLinkLostException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task<FirmwareStation> OpenAsync(GrblPeer peer, FirmwareProfile? profile)
    {
        var link = new SerialPortLink(new SerialLinkOptions { PortName = peer.PortPath });
        link.Open();
        var client = new GrblClient(link, profile ?? RepositoryFiles.Grbl11(), new GrblClientOptions
        {
            // The firmware simulator runs on a shared machine: a slow answer is its load, not a fault.
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ResponseTimeout = TimeSpan.FromSeconds(30),
            HomingTimeout = TimeSpan.FromSeconds(120),
            SyncTimeout = TimeSpan.FromSeconds(120),
        });
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            return new FirmwareStation(link, client, await client.ConnectAsync(timeout.Token));
        }
        catch
        {
            await client.DisposeAsync();
            await link.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _link.DisposeAsync();
    }
}

/// <summary>Reports on the thread that reports, so a count read after the call is current.</summary>
internal sealed class SynchronousProgress(Action<int> report) : IProgress<int>
{
    public void Report(int value) => report(value);
}
