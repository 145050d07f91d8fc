using Engraver.Core.Firmware;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.Grbl;

namespace Engraver.Hardware.Tests.Grbl;

/// <summary>Connecting: identity, buffer size and required settings.</summary>
public sealed partial class GrblClientTests
{
    [Fact]
    public async Task Connect_refuses_a_controller_without_laser_mode_naming_the_setting()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.SendCommandAsync("$32=0", CancellationToken.None);

        var error = await Assert.ThrowsAsync<GrblSettingsException>(() => station.Client.ConnectAsync(CancellationToken.None));

        Assert.Equal([new GrblSettingMismatch("$32", "1", "0")], error.Mismatches);
        Assert.Contains("$32 (laser mode) is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_writes_required_settings_when_the_profile_says_so()
    {
        await using var simulator = GrblSimulator.Start();
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = simulator.PortPath });
        link.Open();
        await using var client = new GrblClient(link, FirmwareProfiles.Grbl11 with { SettingsPolicy = SettingsPolicy.Write });
        await client.ConnectAsync(CancellationToken.None);
        await client.SendCommandAsync("$30=255", CancellationToken.None);

        var connection = await client.ConnectAsync(CancellationToken.None);
        var listing = await client.SendCommandAsync("$$", CancellationToken.None);

        Assert.Equal([new GrblSettingMismatch("$30", "1000", "255")], connection.SettingsWritten);
        Assert.Contains(new GrblSetting(30, "1000"), listing.Info);
    }

    [Fact]
    public async Task Connect_reads_the_stored_machine_id()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.SendCommandAsync("$I=STATION7", CancellationToken.None);

        var connection = await station.Client.ConnectAsync(CancellationToken.None);

        Assert.Equal("STATION7", connection.MachineId);
        Assert.Equal("1.1h.20190830", connection.BuildVersion);
    }

    [Fact]
    public async Task The_receive_buffer_size_comes_from_the_controller_and_is_never_overrun()
    {
        await using var station = SimulatedStation.Open(new SimulatorOptions { RxBufferBytes = 256, TimeScale = 0.01 });

        var connection = await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.HomeAsync(CancellationToken.None);
        await station.Client.StreamAsync(ZigZag(200), null, CancellationToken.None);

        Assert.Equal(256, connection.RxBufferBytes);
        Assert.Equal(256, station.Client.RxBufferBytes);
        Assert.Equal(0, station.Simulator.RxOverruns);
    }
}
