using Engraver.Core.Identity;
using Engraver.Core.Layout;

namespace Engraver.Core.Tests.Layout;

public sealed class LayoutEngineTests
{
    private readonly LayoutEngine _engine = new();

    [Fact]
    public void Make_model_and_serial_are_laid_out_top_to_bottom_and_centred()
    {
        var layout = _engine.Layout(new MicrostampIdentity("ACME", "M17", "AB12345"), PinProfile.Default);

        Assert.Equal([IdentityField.Make, IdentityField.Model, IdentityField.Serial], layout.Lines.Select(l => l.Field));
        Assert.True(layout.Lines[0].Origin.Y > layout.Lines[1].Origin.Y);
        Assert.True(layout.Lines[1].Origin.Y > layout.Lines[2].Origin.Y);
        Assert.All(layout.Lines, l => Assert.Equal(0, l.Origin.X + (l.WidthMm / 2), 9));
        var top = layout.Lines[0].Origin.Y + layout.Lines[0].HeightMm;
        Assert.Equal(0, top + layout.Lines[2].Origin.Y, 9);
    }

    [Fact]
    public void Ring_band_is_kept_outside_the_usable_disc()
    {
        var layout = _engine.Layout(new MicrostampIdentity("A", "B", "C"), PinProfile.Default);

        Assert.Equal(0.55, layout.RingBandInnerRadiusMm, 9);
        Assert.Equal(0.8, layout.RingBandOuterRadiusMm, 9);
        Assert.Equal(0.02, layout.GridUnitMm, 9);
    }

    [Fact]
    public void Every_line_of_the_widest_fitting_identity_stays_inside_the_usable_disc()
    {
        var profile = PinProfile.Default;
        var layout = _engine.Layout(new MicrostampIdentity("WWWWWWWW", "MMMMMMMM", "88888888"), profile);

        var limit = profile.UsableRadiusMm - profile.MarginMm;
        foreach (var line in layout.Lines)
        {
            var half = profile.LineWidthMm / 2;
            foreach (var (x, y) in new[] { (line.Origin.X - half, line.Origin.Y - half), (line.Origin.X + line.WidthMm + half, line.Origin.Y + line.HeightMm + half) })
            {
                Assert.True(Math.Sqrt((x * x) + (y * y)) <= limit, $"{line.Field} corner ({x}, {y}) is outside {limit} mm");
            }
        }
    }

    [Fact]
    public void Identity_too_wide_for_the_disc_is_refused_naming_the_line_and_the_overflow()
    {
        var identity = new MicrostampIdentity("ABCDEFGHI", "M17", "AB");

        var error = Assert.Throws<LayoutException>(() => _engine.Layout(identity, PinProfile.Default));

        var misfit = Assert.Single(error.Misfits);
        Assert.Equal(IdentityField.Make, misfit.Field);
        Assert.Equal((9 * 0.12) - 0.04 + 0.012, misfit.NeededMm, 9);
        Assert.True(misfit.OverflowMm > 0.09);
        Assert.Contains("the Make line 'ABCDEFGHI' needs 1.0520 mm but the chord available at y = 0.2260 mm is", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({misfit.OverflowMm:F4} mm too wide)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_too_long_for_one_line_is_split_over_two()
    {
        var identity = new IdentityValidator().Validate("ACME", "M17", "ABCDEFGHIJKL");

        var layout = _engine.Layout(identity, PinProfile.Default);

        Assert.Equal(["ACME", "M17", "ABCDEF", "GHIJKL"], layout.Lines.Select(l => l.Text));
        Assert.Equal([IdentityField.Make, IdentityField.Model, IdentityField.Serial, IdentityField.Serial], layout.Lines.Select(l => l.Field));
        Assert.True(layout.Lines[2].Origin.Y > layout.Lines[3].Origin.Y);
    }

    [Fact]
    public void Longest_identities_the_rules_allow_fit_the_default_profile()
    {
        Assert.Equal(3, _engine.Layout(new MicrostampIdentity("MMMMMMMM", "WWWWWWWW", "88888888"), PinProfile.Default).Lines.Count);
        Assert.Equal(4, _engine.Layout(new MicrostampIdentity("MMMMMMM", "WWWWWWWW", "888888888888"), PinProfile.Default).Lines.Count);
    }

    [Fact]
    public void Characters_too_tall_for_the_disc_are_refused()
    {
        var profile = PinProfile.Default with { CharacterHeightMm = 0.5 };

        var error = Assert.Throws<LayoutException>(() => _engine.Layout(new MicrostampIdentity("A", "B", "C"), profile));

        Assert.Equal([IdentityField.Make, IdentityField.Serial], error.Misfits.Select(m => m.Field));
        Assert.All(error.Misfits, m => Assert.Equal(0, m.AvailableMm));
    }

    [Fact]
    public void Line_width_too_wide_for_the_character_height_is_refused()
    {
        var profile = PinProfile.Default with { LineWidthMm = 0.02 };

        var error = Assert.Throws<LayoutException>(() => _engine.Layout(new MicrostampIdentity("A", "B", "C"), profile));

        Assert.Contains("strokes inside a glyph at CharacterHeightMm 0.12 mm would be", error.Message, StringComparison.Ordinal);
        Assert.Contains("less than two line widths (0.04 mm)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(PinProfile.TipDiameterMm))]
    [InlineData(nameof(PinProfile.CharacterHeightMm))]
    [InlineData(nameof(PinProfile.LineWidthMm))]
    public void Non_positive_profile_values_are_refused_by_name(string property)
    {
        var profile = property switch
        {
            nameof(PinProfile.TipDiameterMm) => PinProfile.Default with { TipDiameterMm = 0 },
            nameof(PinProfile.CharacterHeightMm) => PinProfile.Default with { CharacterHeightMm = double.NaN },
            _ => PinProfile.Default with { LineWidthMm = -0.01 },
        };

        var error = Assert.Throws<LayoutException>(() => _engine.Layout(new MicrostampIdentity("A", "B", "C"), profile));

        Assert.Contains($"{property} must be a positive number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ring_band_that_leaves_no_room_for_text_is_refused()
    {
        var profile = PinProfile.Default with { RingBandWidthMm = 0.79 };

        var error = Assert.Throws<LayoutException>(() => _engine.Layout(new MicrostampIdentity("A", "B", "C"), profile));

        Assert.Contains("RingBandWidthMm 0.79 mm and MarginMm 0.02 mm leave no room for text", error.Message, StringComparison.Ordinal);
    }
}
