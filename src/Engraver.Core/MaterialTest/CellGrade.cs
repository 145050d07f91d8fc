namespace Engraver.Core.MaterialTest;

/// <summary>How one cell's mark looks to the camera. <see cref="Contrast"/>: how much darker the strokes are than
/// the metal around them (0 none, 1 black). <see cref="LineWidthMm"/>: the burned width of the single strokes,
/// measured at half depth. <see cref="Fill"/>: the share of the intended area (strokes one line wide and the
/// square) that is marked. <see cref="Stray"/>: marked area outside it (beyond one line width of any stroke),
/// as a share of the intended area. <see cref="Grade"/> 0..1 combines them (see <see cref="CellScore"/>).</summary>
public sealed record CellGrade(double Contrast, double LineWidthMm, double WidthRatio, double Fill, double Stray, double Grade)
{
    /// <summary>False for no mark: the strokes are hardly darker than the metal.</summary>
    public bool Marked => Contrast >= CellScore.MinimumContrast;

    /// <summary>The measure that scored lowest ("over-burned", "thin", "wide", "patchy" or "faint"), set by
    /// <see cref="CellScore.From"/>; null when none is known.</summary>
    public string? Weakest { get; init; }

    /// <summary>What the grade says in words, for the table: "no mark", "good" (graded enough for a recipe), or
    /// what holds the grade down most.</summary>
    public string Verdict => !Marked ? "no mark" : Grade >= GridRecommendation.MinimumGrade ? "good" : Weakest ?? "weak";
}

/// <summary>The grade of a cell from its measures: the product of four scores, each 0..1, so a mark is only as
/// good as its worst side. Contrast scores full at <see cref="FullContrast"/> and above; width full at the nominal
/// line width, falling to 0 at <see cref="WidthTolerance"/> away from it (either way, relative); fill is the
/// share itself; stray scores full at none, falling to 0 at <see cref="StrayLimit"/> of the intended area. A
/// contrast below <see cref="MinimumContrast"/> is no mark at all (grade 0).</summary>
public static class CellScore
{
    public const double FullContrast = 0.30;
    public const double MinimumContrast = 0.06;
    public const double WidthTolerance = 0.6;
    public const double StrayLimit = 0.5;

    /// <summary>Stray above this share of the intended area is an over-burn flooding the metal around the mark.</summary>
    public const double StrayNoted = 0.1;

    public static CellGrade From(double contrast, double lineWidthMm, double nominalWidthMm, double fill, double stray)
    {
        var ratio = nominalWidthMm > 0 ? lineWidthMm / nominalWidthMm : 0;
        if (!(contrast >= MinimumContrast))
        {
            return new CellGrade(Math.Max(0, contrast), lineWidthMm, ratio, fill, stray, 0);
        }

        var contrastScore = Math.Clamp(contrast / FullContrast, 0, 1);
        var widthScore = Math.Clamp(1 - (Math.Abs(ratio - 1) / WidthTolerance), 0, 1);
        var fillScore = Math.Clamp(fill, 0, 1);
        var strayScore = Math.Clamp(1 - (stray / StrayLimit), 0, 1);
        // On a tie the cause named first wins: an over-burn also widens, a thin line also fills less.
        (string Name, double Score)[] scores = [("over-burned", strayScore), (ratio < 1 ? "thin" : "wide", widthScore), ("patchy", fillScore), ("faint", contrastScore)];
        return new CellGrade(contrast, lineWidthMm, ratio, fill, stray, Math.Round(contrastScore * widthScore * fillScore * strayScore, 4))
        {
            Weakest = scores.MinBy(s => s.Score).Name,
        };
    }
}
