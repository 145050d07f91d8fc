using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Calibration;

/// <summary>The calibration fiducial: a square grid of small crosses at known positions about the coupon centre
/// (coupon-local mm, +X right, +Y up). Each cross is drawn out and back along both arms, so a laser that burns
/// weaker while it speeds up marks every arm evenly and each dot's centre stays where it was meant to be.
/// A grid gives many points for the fit: offset from its centre, scale from its spread, rotation from its lines,
/// and residuals from how well one similarity maps them all.</summary>
public sealed record FiducialPattern(int DotsPerSide, double PitchMm, double ArmMm)
{
    /// <summary>4 x 4 crosses 0.3 mm apart (0.9 mm across, inside a 1.6 mm coupon tip and a 2 mm field of view),
    /// each 0.04 mm across plus the spot.</summary>
    public static FiducialPattern Default { get; } = new(4, 0.3, 0.02);

    /// <summary>Every dot's centre, row by row from the lower left.</summary>
    public IReadOnlyList<Point2> Dots
    {
        get
        {
            if (DotsPerSide < 2 || !(PitchMm > 0) || !(ArmMm > 0))
            {
                throw new InvalidOperationException("A fiducial needs at least 2 dots per side, a positive pitch and a positive arm.");
            }

            var first = -(DotsPerSide - 1) * PitchMm / 2;
            var dots = new List<Point2>(DotsPerSide * DotsPerSide);
            for (var row = 0; row < DotsPerSide; row++)
            {
                for (var column = 0; column < DotsPerSide; column++)
                {
                    dots.Add(new Point2(first + (column * PitchMm), first + (row * PitchMm)));
                }
            }

            return dots;
        }
    }

    /// <summary>The strokes that burn the pattern, in burn order: per dot right, left, up, down through its centre.</summary>
    public Toolpath ToToolpath()
    {
        var strokes = new List<Stroke>();
        foreach (var dot in Dots)
        {
            var left = dot + new Point2(-ArmMm, 0);
            var right = dot + new Point2(ArmMm, 0);
            var down = dot + new Point2(0, -ArmMm);
            var up = dot + new Point2(0, ArmMm);
            strokes.Add(new Stroke([left, right]));
            strokes.Add(new Stroke([right, left]));
            strokes.Add(new Stroke([down, up]));
            strokes.Add(new Stroke([up, down]));
        }

        return new Toolpath(strokes);
    }
}
