using Engraver.Core.Geometry;

namespace Engraver.Core.MaterialTest;

/// <summary>A material test: one cell per power and feed, powers down the rows (lowest at the top), feeds across
/// the columns (slowest at the left), <see cref="PitchMm"/> apart, the whole grid centred on the coupon.</summary>
public sealed record TestGrid(GridAxis Powers, GridAxis Feeds, double PitchMm)
{
    public int Rows => Powers.Values.Count;

    public int Columns => Feeds.Values.Count;

    /// <summary>Every cell, row by row.</summary>
    public IReadOnlyList<GridCell> Cells() =>
        [.. from row in Enumerable.Range(0, Rows)
            from column in Enumerable.Range(0, Columns)
            select new GridCell(row, column, Powers.Values[row], Feeds.Values[column],
                new Point2((column - ((Columns - 1) / 2.0)) * PitchMm, (((Rows - 1) / 2.0) - row) * PitchMm))];

    /// <summary>Half the grid's extent across and up, from its centre to the outer cells' centres plus one pattern.</summary>
    public Point2 HalfExtentMm => new((((Columns - 1) / 2.0) * PitchMm) + CellPattern.HalfSizeMm, (((Rows - 1) / 2.0) * PitchMm) + CellPattern.HalfSizeMm);
}

/// <summary>One cell of the grid: where it is (row, column, and its centre relative to the coupon's, mm) and
/// what it is burned with.</summary>
public sealed record GridCell(int Row, int Column, double PowerFraction, double FeedMmPerMin, Point2 OffsetMm)
{
    /// <summary>"R2C5", as the table and the command log name the cell.</summary>
    public string Name => $"R{Row + 1}C{Column + 1}";
}
