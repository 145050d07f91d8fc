using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Xunit;

namespace Engraver.Core.Tests.Station;

public class SoftLimitsTests
{
    private static readonly TrayFixture Tray = new(Rows: 2, Columns: 3, PitchX: 10, PitchY: 10, Origin: new Point2(20, 20));

    [Fact]
    public void A_tray_inside_the_travel_passes_under_laser_and_camera()
    {
        var limits = new SoftLimits(-50, 100, 0, 100);

        Assert.Empty(limits.Check(Tray, cameraOffset: new Point2(40, 0)));
    }

    [Fact]
    public void A_slot_whose_camera_position_is_out_of_reach_is_named()
    {
        var limits = new SoftLimits(0, 100, 0, 100);

        var problems = limits.Check(Tray, cameraOffset: new Point2(30, 0));

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("slot 0 under the camera is at X-10 Y20", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("slot 3 under the camera", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_slot_beyond_the_far_limit_is_named()
    {
        var limits = new SoftLimits(-100, 35, -100, 100);

        var problems = limits.Check(Tray, cameraOffset: new Point2(0, 0));

        Assert.Contains(problems, p => p.StartsWith("slot 2 under the laser is at X40 Y20", StringComparison.Ordinal));
    }
}
