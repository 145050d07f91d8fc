using Engraver.Core.Identity;
using Engraver.Core.Layout;
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
    public Property Toolpath_stays_inside_the_usable_disc() =>
        Prop.ForAll(IdentityGen.Fitting, identity =>
        {
            var profile = PinProfile.Default;
            var limit = profile.UsableRadiusMm - (profile.LineWidthMm / 2);
            return _generator.Generate(identity, profile).Strokes.SelectMany(s => s.Points).All(p => p.Length <= limit);
        });

    [Property(MaxTest = 100)]
    public Property Optimised_travel_is_never_longer_than_reading_order() =>
        Prop.ForAll(IdentityGen.Fitting, identity =>
        {
            var layout = new LayoutEngine().Layout(identity, PinProfile.Default);
            var naive = _generator.StrokesInReadingOrder(layout);
            var optimised = _generator.Generate(identity, PinProfile.Default).Strokes;
            return TravelOptimizer.TravelLength(optimised, ToolpathGenerator.StartPoint)
                <= TravelOptimizer.TravelLength(naive, ToolpathGenerator.StartPoint) + 1e-12;
        });

    [Fact]
    public void Optimised_toolpath_burns_exactly_the_strokes_of_the_glyphs()
    {
        var identity = new MicrostampIdentity("ACME", "M-17", "AB12345");
        var naive = _generator.StrokesInReadingOrder(new LayoutEngine().Layout(identity, PinProfile.Default));

        var toolpath = _generator.Generate(identity, PinProfile.Default);

        Assert.Equal(naive.Count, toolpath.Strokes.Count);
        Assert.Equal(naive.Sum(s => s.Length), toolpath.BurnLengthMm, 9);
        Assert.True(toolpath.TravelLengthMm < new Engraver.Core.Toolpaths.Toolpath(naive).TravelLengthMm);
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
        var identity = new MicrostampIdentity("ACME", "M17", "ABCDEFGHIJKL");

        Assert.Throws<LayoutException>(() => _generator.Generate(identity, PinProfile.Default));
    }
}
