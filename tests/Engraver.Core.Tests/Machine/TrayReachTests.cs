using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Core.Machine;
using Xunit;

namespace Engraver.Core.Tests.Machine;

public class TrayReachTests
{
    private static readonly MachineTravel Travel = MachineTravel.FromMaxTravel(200, 200, 50, softLimitsEnabled: true);
    private static readonly Point2 CameraOffset = new(40, 0);

    [Fact]
    public void A_tray_in_negative_space_is_reached_under_laser_and_camera()
    {
        var tray = new TrayFixture(Rows: 4, Columns: 6, PitchX: 10, PitchY: 10, Origin: new Point2(-140, -150), FocusZ: -5);

        Assert.Empty(TrayReach.Check(Travel, tray, CameraOffset));
    }

    [Fact]
    public void A_slot_whose_camera_position_is_beyond_the_travel_is_named_with_slot_and_axis()
    {
        // Slot 0 at X -161.5: the camera needs the machine at X -201.5.
        var tray = new TrayFixture(Rows: 1, Columns: 3, PitchX: 10, PitchY: 10, Origin: new Point2(-161.5, -100), FocusZ: -5);

        var problems = TrayReach.Check(Travel, tray, CameraOffset);

        Assert.Equal(["slot 0 under the camera: X -201.5 is outside the travel X -200..0 ($130=200)"], problems);
    }

    [Fact]
    public void A_slot_beyond_zero_under_the_laser_is_named()
    {
        var tray = new TrayFixture(Rows: 1, Columns: 3, PitchX: 10, PitchY: 10, Origin: new Point2(-15, -100), FocusZ: -5);

        var problems = TrayReach.Check(Travel, tray, CameraOffset);

        Assert.Equal(["slot 2 under the laser: X 5 is outside the travel X -200..0 ($130=200)"], problems);
    }

    [Fact]
    public void Rows_beyond_the_y_travel_are_named_by_slot()
    {
        var tray = new TrayFixture(Rows: 3, Columns: 1, PitchX: 10, PitchY: 10, Origin: new Point2(-100, -15), FocusZ: -5);

        var problems = TrayReach.Check(Travel, tray, CameraOffset);

        Assert.Equal(
            ["slot 2 under the laser: Y 5 is outside the travel Y -200..0 ($131=200)", "slot 2 under the camera: Y 5 is outside the travel Y -200..0 ($131=200)"],
            problems);
    }

    [Fact]
    public void A_focus_height_above_zero_is_named_for_every_position()
    {
        var tray = new TrayFixture(Rows: 1, Columns: 2, PitchX: 10, PitchY: 10, Origin: new Point2(-100, -100), FocusZ: 3);

        var problems = TrayReach.Check(Travel, tray, CameraOffset);

        Assert.Equal(4, problems.Count);
        Assert.Equal("slot 1 under the camera: Z 3 is outside the travel Z -50..0 ($132=50)", problems[3]);
    }

    [Fact]
    public void A_tray_in_positive_space_is_refused_on_every_axis()
    {
        var tray = new TrayFixture(Rows: 1, Columns: 1, PitchX: 10, PitchY: 10, Origin: new Point2(20, 20), FocusZ: 0);

        var problems = TrayReach.Check(Travel, tray, CameraOffset);

        Assert.Equal(
            ["slot 0 under the laser: X 20 is outside the travel X -200..0 ($130=200); Y 20 is outside the travel Y -200..0 ($131=200)",
             "slot 0 under the camera: Y 20 is outside the travel Y -200..0 ($131=200)"],
            problems);
    }
}
