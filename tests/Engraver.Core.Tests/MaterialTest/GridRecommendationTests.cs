using Engraver.Core.Geometry;
using Engraver.Core.MaterialTest;

namespace Engraver.Core.Tests.MaterialTest;

public sealed class GridRecommendationTests
{
    private static GradedCell Cell(double power, double feed, double grade) =>
        new(new GridCell(0, 0, power, feed, new Point2(0, 0)), new CellGrade(grade > 0 ? 0.5 : 0, 0.012, 1, 1, 0, grade));

    [Fact]
    public void Fastest_feed_within_the_tolerance_of_the_best_grade_wins()
    {
        var chosen = GridRecommendation.Choose([Cell(0.8, 600, 0.95), Cell(0.9, 800, 0.91), Cell(0.9, 1000, 0.85)]).Chosen;

        // 0.91 is within 0.05 of 0.95 and faster; 0.85 is not within it, however fast.
        Assert.Equal((0.9, 800.0), (chosen!.Cell.PowerFraction, chosen.Cell.FeedMmPerMin));
    }

    [Fact]
    public void At_the_same_feed_the_lowest_power_wins()
    {
        var chosen = GridRecommendation.Choose([Cell(0.7, 800, 0.92), Cell(0.5, 800, 0.90), Cell(0.6, 800, 0.93)]).Chosen;

        Assert.Equal(0.5, chosen!.Cell.PowerFraction);
    }

    [Fact]
    public void Best_grade_below_the_minimum_recommends_nothing_and_says_why()
    {
        var result = GridRecommendation.Choose([Cell(0.3, 600, 0.2), Cell(0.9, 200, 0.55)]);

        Assert.Null(result.Chosen);
        Assert.Contains("grades 0.55", result.WhyNone, StringComparison.Ordinal);
        Assert.Contains("below the 0.60 a recipe needs", result.WhyNone, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_marked_says_so()
    {
        var result = GridRecommendation.Choose([Cell(0.3, 600, 0), Cell(0.4, 600, 0)]);

        Assert.Null(result.Chosen);
        Assert.Contains("none of the 2 cells marked", result.WhyNone, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.30, 0.012, 1.0, 0.0, 1.0)]
    [InlineData(0.15, 0.012, 1.0, 0.0, 0.5)]
    [InlineData(0.30, 0.006, 1.0, 0.0, 1 - (0.5 / 0.6))]
    [InlineData(0.30, 0.012, 0.5, 0.0, 0.5)]
    [InlineData(0.30, 0.012, 1.0, 0.25, 0.5)]
    [InlineData(0.05, 0.012, 1.0, 0.0, 0.0)]
    public void Grade_is_the_product_of_contrast_width_fill_and_stray_scores(double contrast, double width, double fill, double stray, double grade)
    {
        Assert.Equal(grade, CellScore.From(contrast, width, 0.012, fill, stray).Grade, 3);
    }

    [Theory]
    [InlineData(0.30, 0.012, 1.0, 0.0, "good")]
    [InlineData(0.30, 0.006, 1.0, 0.0, "thin")]
    [InlineData(0.30, 0.020, 1.0, 0.0, "wide")]
    [InlineData(0.30, 0.020, 1.0, 0.6, "over-burned")]
    [InlineData(0.30, 0.012, 0.5, 0.0, "patchy")]
    [InlineData(0.10, 0.012, 1.0, 0.0, "faint")]
    [InlineData(0.03, 0.012, 1.0, 0.0, "no mark")]
    public void Verdict_names_what_holds_the_grade_down(double contrast, double width, double fill, double stray, string verdict)
    {
        Assert.Equal(verdict, CellScore.From(contrast, width, 0.012, fill, stray).Verdict);
    }
}
