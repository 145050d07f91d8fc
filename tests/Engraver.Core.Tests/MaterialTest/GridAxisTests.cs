using Engraver.Core.MaterialTest;

namespace Engraver.Core.Tests.MaterialTest;

public sealed class GridAxisTests
{
    [Fact]
    public void Range_gives_evenly_spaced_values_both_ends_included()
    {
        var axis = GridAxis.Parse("--power", "0.3:0.9:7", 0.01, 1, "of full power");

        Assert.Equal([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], axis.Values);
        Assert.Equal("0.3:0.9:7", axis.ToString());
    }

    [Fact]
    public void A_single_value_is_a_count_of_one()
    {
        Assert.Equal([600.0], GridAxis.Parse("--feed", "600:600:1", 1, 20000, "mm/min").Values);
    }

    [Theory]
    [InlineData("0.3-0.9-7", "is not FIRST:LAST:COUNT")]
    [InlineData("0.3:0.9", "is not FIRST:LAST:COUNT")]
    [InlineData("low:0.9:7", "must be numbers")]
    [InlineData("0,3:0.9:7", "must be numbers")]
    [InlineData("0.3:0.9:0", "COUNT must be a whole number from 1 to 20")]
    [InlineData("0.3:0.9:21", "COUNT must be a whole number from 1 to 20")]
    [InlineData("0.3:0.9:2.5", "COUNT must be a whole number")]
    [InlineData("0.3:1.5:7", "values must lie from 0.01 to 1 of full power")]
    [InlineData("0:0.9:7", "values must lie from 0.01 to 1")]
    [InlineData("0.9:0.3:7", "LAST must not be below FIRST")]
    [InlineData("0.3:0.9:1", "a COUNT of 1 needs FIRST equal to LAST")]
    [InlineData("0.5:0.5:3", "FIRST equals LAST")]
    public void Bad_range_is_refused_naming_the_option_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<GridAxisException>(() => GridAxis.Parse("--power", text, 0.01, 1, "of full power"));

        Assert.Equal("--power", error.Option);
        Assert.StartsWith($"--power \"{text}\": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_is_centred_on_the_coupon_powers_down_feeds_across()
    {
        var grid = new TestGrid(GridAxis.Parse("--power", "0.2:0.4:3", 0.01, 1, ""), GridAxis.Parse("--feed", "100:200:2", 1, 20000, ""), 1.0);

        var cells = grid.Cells();

        Assert.Equal(6, cells.Count);
        Assert.Equal(new Geometry.Point2(-0.5, 1), cells[0].OffsetMm);
        Assert.Equal((0.2, 100.0), (cells[0].PowerFraction, cells[0].FeedMmPerMin));
        Assert.Equal(new Geometry.Point2(0.5, -1), cells[^1].OffsetMm);
        Assert.Equal((0.4, 200.0), (cells[^1].PowerFraction, cells[^1].FeedMmPerMin));
        Assert.Equal("R3C2", cells[^1].Name);
        Assert.Equal(0.5 + CellPattern.HalfSizeMm, grid.HalfExtentMm.X, 9);
    }

    [Fact]
    public void Pattern_hatch_fills_its_square_at_three_quarters_of_a_line()
    {
        var pattern = new CellPattern(0.012);

        Assert.Equal(2, pattern.Lines.Count);
        Assert.True(pattern.Hatch.Count >= 10, $"{pattern.Hatch.Count} hatch lines");
        var gaps = pattern.Hatch.Zip(pattern.Hatch.Skip(1), (a, b) => b.Start.Y - a.Start.Y).ToList();
        Assert.All(gaps, gap => Assert.Equal(0.009, gap, 9));
        Assert.All(pattern.Toolpath.Strokes.SelectMany(s => s.Points), p => Assert.InRange(Math.Max(Math.Abs(p.X), Math.Abs(p.Y)), 0, CellPattern.HalfSizeMm));
    }
}
