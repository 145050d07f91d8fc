using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Finds the shift of the captured mark, within a few pixels, at which it best matches the
/// expected strokes (most coverage, least stray mark, most exact overlap), scoring it at that shift.</summary>
internal static class AlignmentSearch
{
    /// <param name="expected">Expected stroke mask over the inspected window.</param>
    /// <param name="expectedReach">The expected mask grown by the tolerance.</param>
    /// <param name="mark">Mark mask over the window grown by <paramref name="maxShiftPx"/> on every side.</param>
    /// <param name="markReach">The mark mask grown by the tolerance, same size as <paramref name="mark"/>.</param>
    public static AlignmentScore Find(Mat expected, Mat expectedReach, Mat mark, Mat markReach, int maxShiftPx)
    {
        var expectedCount = Cv2.CountNonZero(expected);
        using var scratch = new Mat();
        using var outsideReach = new Mat();
        Cv2.BitwiseNot(expectedReach, outsideReach);

        AlignmentScore? best = null;
        foreach (var shift in ShiftsNearestFirst(maxShiftPx))
        {
            var window = new Rect(maxShiftPx + shift.X, maxShiftPx + shift.Y, expected.Width, expected.Height);
            using var markWindow = new Mat(mark, window);
            using var reachWindow = new Mat(markReach, window);

            Cv2.BitwiseAnd(expected, reachWindow, scratch);
            var coverage = expectedCount == 0 ? 0 : (double)Cv2.CountNonZero(scratch) / expectedCount;
            Cv2.BitwiseAnd(expected, markWindow, scratch);
            var overlap = expectedCount == 0 ? 0 : (double)Cv2.CountNonZero(scratch) / expectedCount;

            var markCount = Cv2.CountNonZero(markWindow);
            Cv2.BitwiseAnd(markWindow, outsideReach, scratch);
            var stray = markCount == 0 ? 0 : (double)Cv2.CountNonZero(scratch) / markCount;

            var candidate = new AlignmentScore(shift, coverage, stray, overlap);
            if (best is null || candidate.Merit > best.Merit)
            {
                best = candidate;
            }
        }

        return best!;
    }

    // Nearest first, so that among equally good shifts the smallest wins.
    private static IEnumerable<PixelOffset> ShiftsNearestFirst(int maxShiftPx)
    {
        var shifts = new List<PixelOffset>();
        for (var dy = -maxShiftPx; dy <= maxShiftPx; dy++)
        {
            for (var dx = -maxShiftPx; dx <= maxShiftPx; dx++)
            {
                shifts.Add(new PixelOffset(dx, dy));
            }
        }

        return shifts.OrderBy(s => (s.X * s.X) + (s.Y * s.Y));
    }
}

/// <param name="ExactOverlap">Fraction of the expected strokes the mark overlaps with no tolerance: within
/// the tolerance band coverage saturates, so this is what pins the shift down to the pixel.</param>
internal sealed record AlignmentScore(PixelOffset Shift, double StrokeCoverage, double StrayMark, double ExactOverlap)
{
    public double Merit => StrokeCoverage - StrayMark + ExactOverlap;
}
