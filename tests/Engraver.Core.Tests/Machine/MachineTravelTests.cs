using Engraver.Core.Geometry;
using Engraver.Core.Machine;
using Xunit;

namespace Engraver.Core.Tests.Machine;

public class MachineTravelTests
{
    private static readonly MachineTravel Travel = MachineTravel.FromMaxTravel(200, 150, 50, softLimitsEnabled: true);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(-200, -150, -50)]
    [InlineData(-1, -1, -1)]
    public void Positions_from_minus_max_travel_to_zero_are_inside(double x, double y, double z)
    {
        Assert.True(Travel.Contains(new Point3(x, y, z)));
        Assert.Empty(Travel.Refuse(new Point3(x, y, z)));
    }

    [Theory]
    [InlineData(0.001, -1, -1, "X 0.001 is outside the travel X -200..0 ($130=200)")]
    [InlineData(-200.001, -1, -1, "X -200.001 is outside the travel X -200..0 ($130=200)")]
    [InlineData(-1, 1, -1, "Y 1 is outside the travel Y -150..0 ($131=150)")]
    [InlineData(-1, -150.5, -1, "Y -150.5 is outside the travel Y -150..0 ($131=150)")]
    [InlineData(-1, -1, 5, "Z 5 is outside the travel Z -50..0 ($132=50)")]
    [InlineData(-1, -1, -51, "Z -51 is outside the travel Z -50..0 ($132=50)")]
    public void A_position_beyond_either_end_is_refused_naming_the_axis_and_setting(double x, double y, double z, string expected)
    {
        Assert.False(Travel.Contains(new Point3(x, y, z)));
        Assert.Equal([expected], Travel.Refuse(new Point3(x, y, z)));
    }

    [Fact]
    public void Positive_machine_space_is_outside_the_travel()
    {
        Assert.Equal(3, Travel.Refuse(new Point3(20, 20, 1)).Count);
    }

    [Fact]
    public void The_travel_describes_every_axis_with_its_setting()
    {
        Assert.Equal("X -200..0 ($130=200), Y -150..0 ($131=150), Z -50..0 ($132=50)", Travel.Describe());
    }
}
