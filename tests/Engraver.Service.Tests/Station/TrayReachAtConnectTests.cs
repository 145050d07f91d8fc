using Engraver.Core.Geometry;
using Engraver.Core.Machine;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Microsoft.Extensions.Options;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>Connecting to the twin (travel X -200..0, Y -200..0, Z -50..0 from its $130-$132): a tray the
/// machine cannot reach is refused before anything moves, naming slot, place and axis.</summary>
public sealed class TrayReachAtConnectTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engraver-reach-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_tray_whose_camera_position_is_beyond_the_x_travel_is_refused_naming_slot_and_axis()
    {
        var refused = await Assert.ThrowsAsync<TrayOutOfReachException>(() => ConnectAsync(new FixtureOptions { Rows = 1, Columns = 3, OriginXMm = -161.5, OriginYMm = -100 }));

        Assert.Equal(["slot 0 under the camera: X -201.5 is outside the travel X -200..0 ($130=200)"], refused.Problems);
        Assert.Contains("nothing was moved", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tray_beyond_machine_zero_in_y_is_refused_under_laser_and_camera()
    {
        var refused = await Assert.ThrowsAsync<TrayOutOfReachException>(() => ConnectAsync(new FixtureOptions { Rows = 2, Columns = 1, OriginXMm = -100, OriginYMm = -5 }));

        Assert.Equal(
            ["slot 1 under the laser: Y 5 is outside the travel Y -200..0 ($131=200)", "slot 1 under the camera: Y 5 is outside the travel Y -200..0 ($131=200)"],
            refused.Problems);
    }

    [Fact]
    public async Task A_focus_height_above_machine_zero_is_refused_naming_z()
    {
        var refused = await Assert.ThrowsAsync<TrayOutOfReachException>(() => ConnectAsync(new FixtureOptions { Rows = 1, Columns = 1, FocusZMm = 2 }));

        Assert.Equal(
            ["slot 0 under the laser: Z 2 is outside the travel Z -50..0 ($132=50)", "slot 0 under the camera: Z 2 is outside the travel Z -50..0 ($132=50)"],
            refused.Problems);
    }

    [Fact]
    public async Task The_default_tray_is_reached_in_grbl_machine_space()
    {
        await using var rig = await ConnectAsync(new FixtureOptions());

        Assert.Equal("X -200..0 ($130=200), Y -200..0 ($131=200), Z -50..0 ($132=50)", rig.Travel.Describe());
    }

    [Theory]
    [InlineData(4, 6)]
    [InlineData(10, 10)]
    [InlineData(15, 14)]
    public void Trays_up_to_15_rows_of_14_from_the_default_origin_fit_the_twins_travel(int rows, int columns)
    {
        var travel = MachineTravel.FromMaxTravel(200, 200, 50, softLimitsEnabled: false);
        var camera = new CameraOptions();

        var problems = TrayReach.Check(travel, new FixtureOptions { Rows = rows, Columns = columns }.ToFixture(), new Point2(camera.OffsetXMm, camera.OffsetYMm));

        Assert.Empty(problems);
    }

    private Task<StationRig> ConnectAsync(FixtureOptions fixture) =>
        new StationRigFactory(
            Microsoft.Extensions.Options.Options.Create(new StationOptions { DataFolder = _folder }),
            Microsoft.Extensions.Options.Options.Create(new ControllerOptions()),
            Microsoft.Extensions.Options.Options.Create(new CameraOptions()),
            Microsoft.Extensions.Options.Options.Create(fixture))
            .CreateAsync(CancellationToken.None);
}
