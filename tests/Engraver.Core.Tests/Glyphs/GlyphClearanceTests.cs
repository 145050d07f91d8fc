using Engraver.Core.Glyphs;

namespace Engraver.Core.Tests.Glyphs;

public sealed class GlyphClearanceTests
{
    [Fact]
    public void Strokes_that_meet_do_not_count_as_close()
    {
        var glyph = Parse("0,0 4,6 | 0,6 4,0 | 0,0 0,6");

        Assert.Equal(double.PositiveInfinity, GlyphClearance.Minimum(glyph));
    }

    [Fact]
    public void Parallel_strokes_one_unit_apart_measure_one_unit()
    {
        var glyph = Parse("0,0 0,6 | 1,0 1,6");

        Assert.Equal(1.0, GlyphClearance.Minimum(glyph), 9);
    }

    [Fact]
    public void A_crossbar_just_under_the_shoulders_is_too_close()
    {
        var glyph = Parse("0,0 0,4 2,6 4,4 4,0 | 0,3 4,3");

        Assert.Equal(1.0, GlyphClearance.Minimum(glyph), 9);
    }

    [Fact]
    public void A_chamfered_corner_is_not_a_near_miss()
    {
        var glyph = Parse("0,6 3,6 4,5 4,4 3,3 0,3");

        Assert.True(GlyphClearance.Minimum(glyph) >= 1.4);
    }

    private static Glyph Parse(string strokes) =>
        StrokeFontParser.Parse($"grid 4 6\nadvance 6\nX {strokes}\n", "test.txt").GetGlyph('X');
}
