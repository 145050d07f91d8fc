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

    /// <summary>What the grade says in words, for the table.</summary>
    public string Verdict => !Marked ? "no mark"
        : Stray > CellScore.StrayNoted ? "over-burned"
        : WidthRatio < 1 - CellScore.WidthNoted ? "thin"
        : WidthRatio > 1 + CellScore.WidthNoted ? "wide"
        : Fill < CellScore.FillNoted ? "patchy"
        : "good";
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

    // Where the table's verdict words begin.
    public const double WidthNoted = 0.2;
    public const double StrayNoted = 0.1;
    public const double FillNoted = 0.8;

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
        return new CellGrade(contrast, lineWidthMm, ratio, fill, stray, Math.Round(contrastScore * widthScore * fillScore * strayScore, 4));
    }
}
