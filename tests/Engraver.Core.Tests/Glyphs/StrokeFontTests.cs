using Engraver.Core.Glyphs;

namespace Engraver.Core.Tests.Glyphs;

public sealed class StrokeFontTests
{
    private const string Expected = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

    [Fact]
    public void Embedded_font_covers_upper_case_letters_digits_and_hyphen()
    {
        var font = StrokeFont.Microstamp;

        var missing = Expected.Where(c => !font.Supports(c)).ToArray();

        Assert.Empty(missing);
        Assert.Equal(Expected.Order(), font.Characters);
    }

    [Theory]
    [InlineData('a')]
    [InlineData('$')]
    [InlineData(' ')]
    [InlineData('\n')]
    [InlineData('é')]
    public void Font_does_not_support_characters_outside_its_alphabet(char c)
    {
        Assert.False(StrokeFont.Microstamp.Supports(c));
    }

    [Fact]
    public void Every_glyph_has_strokes_inside_its_grid()
    {
        var font = StrokeFont.Microstamp;

        foreach (var c in font.Characters)
        {
            var glyph = font.GetGlyph(c);
            Assert.NotEmpty(glyph.Strokes);
            Assert.All(glyph.Strokes.SelectMany(s => s), p =>
                Assert.True(p.X >= 0 && p.X <= font.GridWidth && p.Y >= 0 && p.Y <= font.GridHeight, $"{c}: {p}"));
        }
    }

    [Fact]
    public void Strokes_that_do_not_meet_stay_two_line_widths_apart_at_the_default_size()
    {
        var font = StrokeFont.Microstamp;
        var gridUnitMm = 0.12 / font.GridHeight;
        var required = 2 * 0.012;

        var tooClose = font.Characters
            .Select(c => (Character: c, ClearanceMm: GlyphClearance.Minimum(font.GetGlyph(c)) * gridUnitMm))
            .Where(g => g.ClearanceMm < required)
            .Select(g => $"{g.Character}: {g.ClearanceMm:F4} mm")
            .ToArray();

        Assert.Empty(tooClose);
    }

    [Theory]
    [InlineData('0', 'O')]
    [InlineData('1', 'I')]
    [InlineData('5', 'S')]
    [InlineData('8', 'B')]
    [InlineData('2', 'Z')]
    [InlineData('0', 'D')]
    [InlineData('6', 'G')]
    public void Look_alike_characters_are_drawn_differently(char a, char b)
    {
        var font = StrokeFont.Microstamp;

        Assert.NotEqual(Cells(font.GetGlyph(a)), Cells(font.GetGlyph(b)));
    }

    [Fact]
    public void Line_width_counts_advances_between_glyphs_and_one_glyph_width()
    {
        var font = StrokeFont.Microstamp;

        Assert.Equal(0, font.LineWidth(0));
        Assert.Equal(font.GridWidth, font.LineWidth(1));
        Assert.Equal((2 * font.Advance) + font.GridWidth, font.LineWidth(3));
    }

    [Fact]
    public void Asking_for_a_missing_glyph_names_the_character_safely()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => StrokeFont.Microstamp.GetGlyph('\n'));

        Assert.Contains("U+000A", error.Message, StringComparison.Ordinal);
    }

    // The set of unit segments a glyph covers, so two glyphs with the same outline drawn in a
    // different stroke order still compare equal.
    private static SortedSet<string> Cells(Glyph glyph)
    {
        var cells = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var stroke in glyph.Strokes)
        {
            for (var i = 1; i < stroke.Count; i++)
            {
                var (a, b) = (stroke[i - 1], stroke[i]);
                cells.Add(string.CompareOrdinal(a.ToString(), b.ToString()) < 0 ? $"{a}-{b}" : $"{b}-{a}");
            }
        }

        return cells;
    }
}
