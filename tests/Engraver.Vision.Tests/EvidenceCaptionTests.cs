using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Xunit;

namespace Engraver.Vision.Tests;

/// <summary>The words on the evidence picture and in `decode`: characters read or doubtful, and a turn from 0 up
/// to, not including, 360 degrees.</summary>
public class EvidenceCaptionTests
{
    private static GlyphScore Glyph(IdentityField field, int position, char character, double coverage, bool passed) =>
        new(new GlyphBox(field, position, character, new Point2(0, 0), new Point2(1, 1)), coverage, 0, passed);

    [Fact]
    public void A_field_read_in_full_says_so_with_its_text()
    {
        var lines = GlyphReadout.Lines([Glyph(IdentityField.Make, 0, 'M', 1.0, true), Glyph(IdentityField.Make, 1, 'S', 0.98, true)]);

        Assert.Equal(["make MS: all 2 characters read"], lines);
    }

    [Fact]
    public void A_doubtful_character_is_named_by_its_position_character_and_coverage()
    {
        var lines = GlyphReadout.Lines([
            Glyph(IdentityField.Serial, 0, 'S', 1.0, true), Glyph(IdentityField.Serial, 1, 'N', 1.0, true),
            Glyph(IdentityField.Serial, 2, '1', 0.62, false), Glyph(IdentityField.Serial, 3, '0', 0.99, true),
        ]);

        Assert.Equal(["serial SN10: 4 characters, 1 doubtful: position 3 '1' (62% of its strokes)"], lines);
    }

    [Fact]
    public void Each_field_has_its_own_line()
    {
        var lines = GlyphReadout.Lines([Glyph(IdentityField.Make, 0, 'M', 1, true), Glyph(IdentityField.Model, 0, 'X', 1, true), Glyph(IdentityField.Serial, 0, '7', 1, true)]);

        Assert.Equal(3, lines.Count);
    }

    [Theory]
    [InlineData(0.0, "turned 0.0 deg")]
    [InlineData(360.0, "turned 0.0 deg")]
    [InlineData(359.96, "turned 0.0 deg")]
    [InlineData(-0.01, "turned 0.0 deg")]
    [InlineData(-90.0, "turned 270.0 deg")]
    [InlineData(725.5, "turned 5.5 deg")]
    [InlineData(359.94, "turned 359.9 deg")]
    public void A_turn_reads_from_0_up_to_360_exclusive(double degrees, string said) =>
        Assert.Equal(said, TurnAngle.Say(degrees));

    [Theory]
    [InlineData(360.0, 0.0)]
    [InlineData(-30.0, 330.0)]
    [InlineData(720.25, 0.25)]
    public void A_turn_is_normalised(double degrees, double normalised) =>
        Assert.Equal(normalised, TurnAngle.Normalised(degrees), 9);
}
