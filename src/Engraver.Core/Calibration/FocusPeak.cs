namespace Engraver.Core.Calibration;

/// <summary>One frame of a focus sweep: the machine Z and the sharpness measured there.</summary>
public readonly record struct FocusSample(double ZMm, double Sharpness);

/// <summary>Where a focus sweep is sharpest. A lens is equally sharp across its depth of field, so the sweep
/// shows a plateau rather than a point: the answer is the middle of the run of samples within
/// <see cref="PlateauFraction"/> of the best (measured from the worst), which is the middle of the depth of field.</summary>
public static class FocusPeak
{
    public const double PlateauFraction = 0.1;

    public static double Find(IReadOnlyList<FocusSample> sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.Count < 3)
        {
            throw new ArgumentException("A focus sweep needs at least three samples.", nameof(sweep));
        }

        var ordered = sweep.OrderBy(s => s.ZMm).ToList();
        var best = ordered.Max(s => s.Sharpness);
        var worst = ordered.Min(s => s.Sharpness);
        var floor = best - (PlateauFraction * (best - worst));
        var peak = ordered.FindIndex(s => s.Sharpness == best);
        var first = peak;
        while (first > 0 && ordered[first - 1].Sharpness >= floor)
        {
            first--;
        }

        var last = peak;
        while (last < ordered.Count - 1 && ordered[last + 1].Sharpness >= floor)
        {
            last++;
        }

        return (ordered[first].ZMm + ordered[last].ZMm) / 2;
    }

    /// <summary>True when the sharpest sample is at either end of the sweep: focus may lie beyond it.</summary>
    public static bool PeakAtEdge(IReadOnlyList<FocusSample> sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var ordered = sweep.OrderBy(s => s.ZMm).ToList();
        var best = ordered.Max(s => s.Sharpness);
        return ordered[0].Sharpness == best || ordered[^1].Sharpness == best;
    }
}
