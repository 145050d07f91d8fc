using Engraver.Core.Calibration;
using Engraver.Core.Geometry;

namespace Engraver.Core.Tests.Calibration;

public class CameraFitTests
{
    private static readonly Point2 Head = new(-100, -80);

    /// <summary>What a camera at <paramref name="offset"/> with this scale and turn sees of each fiducial dot.</summary>
    private static List<FiducialSighting> Seen(Point2 offset, double mmPerPx, double rotationDeg, Func<int, Point2>? nudgeMm = null)
    {
        var (sin, cos) = Math.SinCos(-rotationDeg * Math.PI / 180);
        var centre = Head + offset;
        return FiducialPattern.Default.Dots.Select((d, i) =>
        {
            var machine = centre + d;
            var seenAt = d + (nudgeMm?.Invoke(i) ?? default);
            var image = new Point2(((seenAt.X * cos) - (seenAt.Y * sin)) / mmPerPx, ((seenAt.X * sin) + (seenAt.Y * cos)) / mmPerPx);
            return new FiducialSighting(machine, image);
        }).ToList();
    }

    [Fact]
    public void Recovers_offset_scale_and_rotation_exactly_from_clean_sightings()
    {
        var fit = CameraFit.Fit(Head, Seen(new Point2(40.04, 0.03), 0.00204, 0.8));

        Assert.Equal(40.04, fit.OffsetMm.X, 9);
        Assert.Equal(0.03, fit.OffsetMm.Y, 9);
        Assert.Equal(0.00204, fit.MillimetresPerPixel, 12);
        Assert.Equal(0.8, fit.RotationDeg, 9);
        Assert.True(fit.MaxResidualMm < 1e-9);
    }

    [Fact]
    public void A_misplaced_dot_shows_as_a_residual_near_its_displacement()
    {
        // One dot seen 0.02 mm from where it was burned: the similarity cannot follow it.
        var fit = CameraFit.Fit(Head, Seen(new Point2(40, 0), 0.002, 0, i => i == 5 ? new Point2(0.02, 0) : default));

        Assert.InRange(fit.MaxResidualMm, 0.015, 0.02);
        Assert.Equal(5, fit.ResidualsMm.ToList().IndexOf(fit.MaxResidualMm));
        Assert.True(fit.RmsResidualMm < fit.MaxResidualMm);
    }

    [Fact]
    public void Too_few_or_coincident_dots_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CameraFit.Fit(Head, Seen(new Point2(40, 0), 0.002, 0).Take(2).ToList()));
        var same = Enumerable.Repeat(new FiducialSighting(new Point2(1, 1), new Point2(0, 0)), 5).ToList();
        Assert.Throws<ArgumentException>(() => CameraFit.Fit(Head, same));
    }

    [Fact]
    public void The_fiducial_burns_each_dot_out_and_back_on_both_arms_centred_on_the_dot()
    {
        var pattern = FiducialPattern.Default;
        var strokes = pattern.ToToolpath().Strokes;

        Assert.Equal(16, pattern.Dots.Count);
        Assert.Equal(pattern.Dots.Count * 4, strokes.Count);
        for (var i = 0; i < pattern.Dots.Count; i++)
        {
            var ends = strokes.Skip(i * 4).Take(4).SelectMany(s => s.Points).ToList();
            Assert.Equal(pattern.Dots[i].X, ends.Average(p => p.X), 12);
            Assert.Equal(pattern.Dots[i].Y, ends.Average(p => p.Y), 12);
        }
    }
}
