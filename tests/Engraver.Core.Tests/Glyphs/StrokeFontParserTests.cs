using Engraver.Core.Glyphs;

namespace Engraver.Core.Tests.Glyphs;

public sealed class StrokeFontParserTests
{
    private const string Header = "grid 4 6\nadvance 6\n";

    [Fact]
    public void Parses_grid_advance_and_glyph_strokes()
    {
        var font = StrokeFontParser.Parse(Header + "A  0,0 2,6 4,0 | 1,3 3,3\n", "test.txt");

        Assert.Equal((4, 6, 6), (font.GridWidth, font.GridHeight, font.Advance));
        var glyph = font.GetGlyph('A');
        Assert.Equal(2, glyph.Strokes.Count);
        Assert.Equal([new GridPoint(0, 0), new GridPoint(2, 6), new GridPoint(4, 0)], glyph.Strokes[0]);
        Assert.Equal([new GridPoint(1, 3), new GridPoint(3, 3)], glyph.Strokes[1]);
    }

    [Fact]
    public void Comments_blank_lines_and_carriage_returns_are_ignored()
    {
        var font = StrokeFontParser.Parse("# a font\r\n\r\ngrid 4 6 # size\r\nadvance 6\r\n-  1,3 3,3   # hyphen\r\n", "test.txt");

        Assert.True(font.Supports('-'));
        Assert.Equal([new GridPoint(1, 3), new GridPoint(3, 3)], font.GetGlyph('-').Strokes[0]);
    }

    [Theory]
    [InlineData("AB 0,0 1,1", "line 3: unknown syntax 'AB 0,0 1,1'")]
    [InlineData("A 0,0 5,6", "line 3: point 5,6 is outside the 4 x 6 grid")]
    [InlineData("A 0,0 2,-1", "line 3: point 2,-1 is outside the 4 x 6 grid")]
    [InlineData("A 0,0 2;6", "line 3: '2;6' is not a point")]
    [InlineData("A 0,0 | 1,1 2,2", "line 3: stroke 1 has 1 point(s)")]
    [InlineData("A 0,0 0,0 1,1", "line 3: point 0,0 repeats the point before it")]
    public void Errors_name_the_source_the_line_and_the_problem(string glyphLine, string expected)
    {
        var error = Assert.Throws<StrokeFontFormatException>(() => StrokeFontParser.Parse(Header + glyphLine + "\n", "fonts/test.txt"));

        Assert.StartsWith("fonts/test.txt line 3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_glyph_names_both_lines()
    {
        var text = Header + "A 0,0 1,1\n# again\nA 1,1 2,2\n";

        var error = Assert.Throws<StrokeFontFormatException>(() => StrokeFontParser.Parse(text, "test.txt"));

        Assert.Equal("test.txt line 5: duplicate glyph 'A' (first defined on line 3)", error.Message);
    }

    [Fact]
    public void Glyph_before_the_grid_line_is_refused()
    {
        var error = Assert.Throws<StrokeFontFormatException>(() => StrokeFontParser.Parse("A 0,0 1,1\ngrid 4 6\n", "test.txt"));

        Assert.Equal("test.txt line 1: a glyph comes before the 'grid' line", error.Message);
    }

    [Theory]
    [InlineData("grid 4\nadvance 6\n", "line 1: expected 'grid <width> <height>'")]
    [InlineData("grid 4 6\nadvance 0\n", "line 2: expected 'advance <grid units>'")]
    [InlineData("grid 4 6\nA 0,0 1,1\n", "the 'advance <grid units>' line is missing")]
    [InlineData("grid 4 6\nadvance 3\nA 0,0 1,1\n", "advance 3 is narrower than the grid width 4")]
    [InlineData("grid 4 6\nadvance 6\n", "the font defines no glyphs")]
    public void Header_problems_are_reported(string text, string expected)
    {
        var error = Assert.Throws<StrokeFontFormatException>(() => StrokeFontParser.Parse(text, "test.txt"));

        Assert.StartsWith("test.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
