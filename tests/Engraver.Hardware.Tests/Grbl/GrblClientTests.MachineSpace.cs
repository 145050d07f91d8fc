using Engraver.Core.Geometry;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Tests.Support;

namespace Engraver.Hardware.Tests.Grbl;

/// <summary>The machine's travel and homing, read from the controller at connect.</summary>
public sealed partial class GrblClientTests
{
    [Fact]
    public async Task Connect_reads_the_travel_soft_limits_and_homing_from_the_controller()
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.SendCommandAsync("$130=250", CancellationToken.None);
        await station.Client.SendCommandAsync("$131=180.5", CancellationToken.None);
        await station.Client.SendCommandAsync("$20=1", CancellationToken.None);
        await station.Client.SendCommandAsync("$23=1", CancellationToken.None);

        var connection = await station.Client.ConnectAsync(CancellationToken.None);

        var travel = connection.Machine.Travel;
        Assert.Equal((-250.0, 0.0), (travel.X.Min, travel.X.Max));
        Assert.Equal((-180.5, 0.0), (travel.Y.Min, travel.Y.Max));
        Assert.Equal((-50.0, 0.0), (travel.Z.Min, travel.Z.Max));
        Assert.True(travel.SoftLimitsEnabled);
        Assert.Equal(1, connection.Machine.HomingDirectionMask);
        Assert.Same(connection, station.Client.Connection);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task The_controller_homes_where_its_settings_say_it_will(int homingDirections)
    {
        await using var station = SimulatedStation.Open();
        await station.Client.ConnectAsync(CancellationToken.None);
        await station.Client.SendCommandAsync($"$23={homingDirections}", CancellationToken.None);
        var connection = await station.Client.ConnectAsync(CancellationToken.None);

        await station.Client.HomeAsync(CancellationToken.None);
        var status = await station.Client.QueryStatusAsync(CancellationToken.None);

        var expected = connection.Machine.HomedPosition;
        Assert.Equal(new GrblPosition(expected.X, expected.Y, expected.Z), status.MachinePosition);
        Assert.True(connection.Machine.Travel.Contains(expected));
    }

    [Fact]
    public void A_listing_without_max_travel_is_refused_naming_the_settings()
    {
        GrblSetting[] listing = [new(20, "0"), new(22, "1"), new(130, "200")];

        var error = Assert.Throws<GrblSettingsException>(() => GrblMachineSettings.Read(listing, "/dev/ttyUSB0"));

        Assert.Contains("$131 (Y max travel), $132 (Z max travel)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["$131", "$132"], error.Mismatches.Select(m => m.Setting));
    }

    [Fact]
    public void A_grblhal_listing_gives_the_same_travel()
    {
        // grblHAL lists more settings, with its own numbering beyond GRBL's, and the same $13x, $20, $23, $27.
        GrblSetting[] listing = [new(0, "10.0"), new(20, "1"), new(23, "2"), new(27, "1.500"), new(130, "300.000"), new(131, "220.000"), new(132, "80.000"), new(133, "0.000"), new(340, "0")];

        var machine = GrblMachineSettings.Read(listing, "/dev/ttyACM0");

        Assert.Equal("X -300..0 ($130=300), Y -220..0 ($131=220), Z -80..0 ($132=80)", machine.Travel.Describe());
        Assert.True(machine.Travel.SoftLimitsEnabled);
        Assert.Equal(new Point3(-1.5, -218.5, -1.5), machine.HomedPosition);
    }
}
