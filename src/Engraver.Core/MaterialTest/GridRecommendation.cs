using System.Globalization;

namespace Engraver.Core.MaterialTest;

/// <summary>The recipe a material test recommends, by one stated rule: among the cells graded at least
/// <see cref="MinimumGrade"/> and within <see cref="Tolerance"/> of the best grade, the fastest feed; among
/// those, the lowest power (the least heat that marks as well); then the higher grade. When no cell reaches
/// <see cref="MinimumGrade"/> nothing is recommended, and <see cref="Result.WhyNone"/> says why.</summary>
public static class GridRecommendation
{
    public const double MinimumGrade = 0.6;

    public const double Tolerance = 0.05;

    public static string Rule => string.Create(CultureInfo.InvariantCulture,
        $"among cells graded at least {MinimumGrade:0.00} and within {Tolerance:0.00} of the best grade, the fastest feed, then the lowest power");

    public static Result Choose(IReadOnlyList<GradedCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            return new Result(null, [], "no cell was graded");
        }

        var best = cells.MaxBy(c => c.Grade.Grade)!;
        if (best.Grade.Grade < MinimumGrade)
        {
            var marked = cells.Count(c => c.Grade.Marked);
            var why = marked == 0
                ? $"none of the {cells.Count} cells marked (every cell's contrast is below {CellScore.MinimumContrast:0.00}): more power or a slower feed, or check focus and the laser"
                : string.Create(CultureInfo.InvariantCulture,
                    $"the best cell, {best.Cell.Name} (power {best.Cell.PowerFraction:0.###}, feed {best.Cell.FeedMmPerMin:0.#} mm/min), grades {best.Grade.Grade:0.00} ({best.Grade.Verdict}), below the {MinimumGrade:0.00} a recipe needs");
            return new Result(null, [], why);
        }

        var candidates = cells.Where(c => c.Grade.Grade >= MinimumGrade && c.Grade.Grade >= best.Grade.Grade - Tolerance).ToList();
        var chosen = candidates
            .OrderByDescending(c => c.Cell.FeedMmPerMin)
            .ThenBy(c => c.Cell.PowerFraction)
            .ThenByDescending(c => c.Grade.Grade)
            .First();
        return new Result(chosen, candidates, null);
    }

    /// <summary>The chosen cell (null: none good enough), the cells it was chosen among, and why none when none.</summary>
    public sealed record Result(GradedCell? Chosen, IReadOnlyList<GradedCell> Candidates, string? WhyNone);
}

/// <summary>A cell and its grade.</summary>
public sealed record GradedCell(GridCell Cell, CellGrade Grade);
