using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class ToolpathGeneratorTests
{
    private readonly ToolpathGenerator _generator = new();

    [Property(MaxTest = 100)]
    public Property Text_stays_inside_the_usable_disc_and_the_ring_inside_its_band_and_the_tip() =>
        Prop.ForAll(IdentityGen.Fitting, identity =>
        {
            var profile = PinProfile.Default;
            var ring = GearRing.For(profile);
            var textLimit = profile.UsableRadiusMm - (profile.LineWidthMm / 2);
            var points = _generator.Generate(identity, profile).Strokes.SelectMany(s => s.Points).ToList();
            var text = points.Where(p => p.Length <= textLimit).ToList();
            var ringPoints = points.Where(p => p.Length > textLimit).ToList();
            var tipLimit = (profile.TipDiameterMm / 2) - (profile.LineWidthMm / 2);
            return ringPoints.All(p => p.Length >= ring.InnerRadiusMm - 1e-4 && p.Length <= tipLimit)
                .Label("ring points inside the band and the tip")
                .And((text.Count + ringPoints.Count == points.Count).Label("every point is text or ring"))
                .And((ring.InnerRadiusMm - (profile.LineWidthMm / 2) > profile.UsableRadiusMm - profile.MarginMm + (profile.LineWidthMm / 2)).Label("ring burn clear of text burn"));
        });

    [Property(MaxTest = 100)]
    public Property Optimised_travel_is_never_longer_than_reading_order_then_cell_order() =>
        Prop.ForAll(IdentityGen.Fitting, identity =>
        {
            var layout = new LayoutEngine().Layout(identity, PinProfile.Default);
            IReadOnlyList<Stroke> naive = [.. _generator.StrokesInReadingOrder(layout), .. ToolpathGenerator.RingStrokesInCellOrder(identity, PinProfile.Default)];
            var optimised = _generator.Generate(identity, PinProfile.Default).Strokes;
            return TravelOptimizer.TravelLength(optimised, ToolpathGenerator.StartPoint)
                <= TravelOptimizer.TravelLength(naive, ToolpathGenerator.StartPoint) + 1e-12;
        });

    [Fact]
    public void Optimised_toolpath_burns_exactly_the_strokes_of_the_glyphs_and_the_ring()
    {
        var identity = new MicrostampIdentity("ACME", "M-17", "AB12345");
        var text = _generator.StrokesInReadingOrder(new LayoutEngine().Layout(identity, PinProfile.Default));
        var ring = ToolpathGenerator.RingStrokesInCellOrder(identity, PinProfile.Default);
        IReadOnlyList<Stroke> naive = [.. text, .. ring];

        var toolpath = _generator.Generate(identity, PinProfile.Default);

        Assert.Equal(naive.Count, toolpath.Strokes.Count);
        Assert.Equal(naive.Sum(s => s.Length), toolpath.BurnLengthMm, 9);
        Assert.Equal(GearCodec.Instance.Encode(identity).Count(c => c) + 2, ring.Count);
        Assert.True(toolpath.TravelLengthMm < new Toolpath(naive).TravelLengthMm);
    }

    [Fact]
    public void Ring_follows_the_text()
    {
        var identity = new MicrostampIdentity("ACME", "M17", "ZX-0042");
        var textCount = _generator.StrokesInReadingOrder(new LayoutEngine().Layout(identity, PinProfile.Default)).Count;

        var toolpath = _generator.Generate(identity, PinProfile.Default);

        Assert.All(toolpath.Strokes.Take(textCount), s => Assert.True(s.Start.Length < PinProfile.Default.UsableRadiusMm));
        Assert.All(toolpath.Strokes.Skip(textCount), s => Assert.True(s.Start.Length > PinProfile.Default.UsableRadiusMm));
    }

    [Fact]
    public void Same_identity_and_profile_give_the_same_toolpath()
    {
        var identity = new MicrostampIdentity("ACME", "M17", "ZX-0042");

        var first = _generator.Generate(identity, PinProfile.Default);
        var second = new ToolpathGenerator().Generate(identity, PinProfile.Default);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Coordinates_are_rounded_to_the_G_code_resolution()
    {
        var toolpath = _generator.Generate(new MicrostampIdentity("ACME", "M17", "A1"), PinProfile.Default);

        Assert.All(toolpath.Strokes.SelectMany(s => s.Points), p =>
        {
            Assert.Equal(Math.Round(p.X, 4), p.X);
            Assert.Equal(Math.Round(p.Y, 4), p.Y);
        });
    }

    [Fact]
    public void Hyphen_is_one_short_stroke_on_the_middle_of_its_line()
    {
        var layout = new LayoutEngine().Layout(new MicrostampIdentity("A", "-", "B"), PinProfile.Default);

        var strokes = _generator.StrokesInReadingOrder(layout);

        var hyphen = strokes[2];
        Assert.Equal(0.04, hyphen.Length, 9);
        Assert.Equal(layout.Lines[1].Origin.Y + 0.06, hyphen.Start.Y, 9);
    }

    [Fact]
    public void Identity_that_does_not_fit_is_refused()
    {
        var identity = new MicrostampIdentity("ACMEACMEA", "M17", "AB");

        Assert.Throws<LayoutException>(() => _generator.Generate(identity, PinProfile.Default));
    }
}
