using Engraver.Core.Firmware;
using Engraver.Core.Tests.Support;

namespace Engraver.Core.Tests.Firmware;

/// <summary>Lines are counted as GRBL 1.1's protocol loop fills its 80-byte line buffer: whitespace,
/// control characters, '/' and comments dropped, 79 characters kept, one more is error:11.</summary>
public sealed class LineLimitTests
{
    private static readonly LineLimit Grbl11 = Grbl.Profile.MaxLineLength;

    [Fact]
    public void The_grbl_profile_takes_79_characters_and_does_not_count_comments()
    {
        Assert.Equal(new LineLimit(79, CountsComments: false), Grbl11);
    }

    [Theory]
    [InlineData("G1 X1 Y2", 6)]
    [InlineData("g1 x1\ty2", 6)]
    [InlineData("G1 X1 (move to one) Y2", 6)]
    [InlineData("G1 X1 ; move to one", 4)]
    [InlineData("G1 X1 (unclosed comment Y2", 4)]
    [InlineData("/G1 X1", 4)]
    [InlineData("G1 X1 ) Y2", 7)]
    [InlineData("", 0)]
    public void Counts_the_characters_grbl_keeps(string line, int expected)
    {
        Assert.Equal(expected, Grbl11.Count(line));
    }

    [Fact]
    public void Seventy_nine_kept_characters_fit_and_eighty_do_not_however_many_bytes_the_line_has()
    {
        var fits = "G1 X" + new string('1', 76) + " (a comment does not count)";
        var overflows = "G1X" + new string('1', 77);

        Assert.True(Grbl11.Fits(fits));
        Assert.False(Grbl11.Fits(overflows));
    }

    [Fact]
    public void Check_names_the_first_line_that_overflows()
    {
        string[] program = ["G21", "G1 X1", "G1 X" + new string('2', 80), "G1 X" + new string('3', 90)];

        var refused = Assert.Throws<LineTooLongException>(() => Grbl11.Check(program, "grbl-1.1"));

        Assert.Equal(3, refused.LineNumber);
        Assert.StartsWith("Line 3 has 83 characters", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at most 79", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_that_counts_comments_counts_them()
    {
        var counting = new LineLimit(256, CountsComments: true);

        Assert.Equal(13, counting.Count("G1 X1 (comment)"));
    }
}
