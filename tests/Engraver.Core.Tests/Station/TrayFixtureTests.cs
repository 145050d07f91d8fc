using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Xunit;

namespace Engraver.Core.Tests.Station;

public class TrayFixtureTests
{
    private static readonly TrayFixture Tray = new(Rows: 4, Columns: 6, PitchX: 10, PitchY: 12, Origin: new Point2(20, 30));

    [Theory]
    [InlineData(0, 20, 30)]
    [InlineData(5, 70, 30)]
    [InlineData(6, 20, 42)]
    [InlineData(23, 70, 66)]
    public void Slots_run_along_a_row_then_to_the_next(int slot, double x, double y)
    {
        Assert.Equal(new Point2(x, y), Tray.SlotCentre(slot));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24)]
    public void A_slot_outside_the_tray_is_refused(int slot)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tray.SlotCentre(slot));
        Assert.Contains("0 to 23", error.Message, StringComparison.Ordinal);
    }
}
