using Engraver.Traceability.Audit;

namespace Engraver.Traceability.Tests;

public sealed class AuditPlotDataTests
{
    private static readonly DateTimeOffset Eight = new(2024, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_hour_bar_carries_its_counts_and_a_utc_label_with_the_date_where_it_changes()
    {
        var series = AuditPlotData.YieldPerHour(
        [
            new HourlyYield(Eight.AddHours(14), 4, 3),
            new HourlyYield(Eight.AddHours(15), 2, 2),
            new HourlyYield(Eight.AddHours(17), 5, 0),
        ]);

        Assert.Equal(["3\nof 4", "2\nof 2", "0\nof 5"], series.Bars.Select(b => b.ValueLabel));
        Assert.Equal(["22:00\n2024-06-01", "23:00", "01:00\n2024-06-02"], series.Bars.Select(b => b.CategoryLabel));
        Assert.Equal([75.0, 100.0, 0.0], series.Bars.Select(b => b.Value));
        Assert.Equal([22.0, 23.0, 25.0], series.Bars.Select(b => b.Position));
        Assert.Equal("start of period (UTC)", series.CategoryAxisTitle);
        Assert.Equal("verified (% of records)", series.ValueAxisTitle);
        Assert.StartsWith("Yield per hour", series.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_hours_are_joined_into_at_most_twelve_labelled_bars()
    {
        var hours = Enumerable.Range(0, 100).Select(h => new HourlyYield(Eight.AddHours(h), 10, 9)).ToList();

        var series = AuditPlotData.YieldPerHour(hours);

        Assert.InRange(series.Bars.Count, 2, AuditPlotData.MostTimeBars);
        Assert.All(series.Bars, b => Assert.NotEqual("", b.CategoryLabel));
        Assert.Equal(1000L, series.Bars.Sum(b => long.Parse(b.ValueLabel.Split(" ")[^1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("00:00\n2024-06-01", series.Bars[0].CategoryLabel);
        Assert.Equal("12:00", series.Bars[1].CategoryLabel);
        Assert.StartsWith("Yield per 12 hours", series.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 5, 1)]
    [InlineData(0, 11, 1)]
    [InlineData(0, 12, 2)]
    [InlineData(22, 33, 1)]
    [InlineData(0, 143, 12)]
    [InlineData(0, 144, 24)]
    [InlineData(0, 24 * 30, 72)]
    public void Bucket_is_the_fewest_hours_that_keep_twelve_bars(int first, int last, int hours) =>
        Assert.Equal(hours, AuditPlotData.BucketHours(first, last));

    [Fact]
    public void Reject_reasons_are_horizontal_wrapped_and_the_rest_summed_in_one_bar()
    {
        var reasons = Enumerable.Range(1, 14)
            .Select(i => new CountedLabel($"reason {i:00} with a rather long wording that would run into its neighbour on a vertical axis", 20 - i))
            .ToList();

        var series = AuditPlotData.RejectReasons(reasons);

        Assert.True(series.Horizontal);
        Assert.Equal(AuditPlotData.MostReasons + 1, series.Bars.Count);
        Assert.Equal(("2 other reasons", "13"), (series.Bars[^1].CategoryLabel, series.Bars[^1].ValueLabel));
        Assert.Equal(reasons.Sum(r => r.Count), series.Bars.Sum(b => (long)b.Value));
        Assert.Equal(series.Bars.Count - 1, series.Bars[0].Position);
        Assert.All(series.Bars, b => Assert.All(b.CategoryLabel.Split('\n'), line => Assert.InRange(line.Length, 1, 44)));
        Assert.All(series.Bars, b => Assert.Equal(b.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), b.ValueLabel));
        Assert.Equal("records", series.ValueAxisTitle);
        Assert.True(series.ValueAxisMax > 19, "room above the longest bar for its count");
        Assert.InRange(series.Width, 600, 1100);
    }

    [Fact]
    public void Grades_come_in_grade_order_with_no_grade_last_and_their_counts()
    {
        var series = AuditPlotData.Grades([new CountedLabel("B", 7), new CountedLabel(AuditSummaryBuilder.NoGrade, 9), new CountedLabel("A", 3)]);

        Assert.Equal(["A", "B", AuditSummaryBuilder.NoGrade], series.Bars.Select(b => b.CategoryLabel));
        Assert.Equal(["3", "7", "9"], series.Bars.Select(b => b.ValueLabel));
        Assert.False(series.Horizontal);
        Assert.Equal(("grade", "records"), (series.CategoryAxisTitle, series.ValueAxisTitle));
    }

    [Fact]
    public void An_empty_plot_has_no_bars_and_says_no_data()
    {
        Assert.True(AuditPlotData.YieldPerHour([]).IsEmpty);
        Assert.True(AuditPlotData.Grades([]).IsEmpty);
        Assert.True(AuditPlotData.RejectReasons([]).IsEmpty);
        Assert.Equal("no data", PlotSeries.NoData);
    }

    [Theory]
    [InlineData("short", 10, 2, "short")]
    [InlineData("only N% of the expected strokes", 12, 3, "only N% of\nthe expected\nstrokes")]
    [InlineData("abcdefghijkl", 5, 3, "abcde\nfghij\nkl")]
    [InlineData("one two three four five six", 7, 2, "one two\nthree…")]
    public void Wrap_breaks_at_spaces_cuts_long_words_and_marks_what_is_left_out(string text, int length, int lines, string expected) =>
        Assert.Equal(expected, AuditPlotData.Wrap(text, length, lines));
}
