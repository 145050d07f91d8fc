using Engraver.Core.Calibration;

namespace Engraver.Core.Tests.Calibration;

public class FocusPeakTests
{
    /// <summary>A lens sharp within +-0.05 mm of -4.7, blurring linearly beyond, sampled every 0.05 mm.</summary>
    private static List<FocusSample> Sweep(double focus, double from, double to) =>
        Enumerable.Range(0, (int)Math.Round((to - from) / 0.05) + 1)
            .Select(i => from + (i * 0.05))
            .Select(z => new FocusSample(z, 100 / (1 + (20 * Math.Max(0, Math.Abs(z - focus) - 0.05)))))
            .ToList();

    [Fact]
    public void The_middle_of_the_sharp_plateau_is_the_focus()
    {
        Assert.Equal(-4.7, FocusPeak.Find(Sweep(-4.7, -6, -4)), 2);
    }

    [Fact]
    public void A_sweep_sharpest_at_its_end_is_flagged()
    {
        Assert.True(FocusPeak.PeakAtEdge(Sweep(-3.5, -6, -4)));
        Assert.False(FocusPeak.PeakAtEdge(Sweep(-4.7, -6, -4)));
    }
}
