using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Tests.Layout;

public class MarkOutlineTests
{
    [Theory]
    [InlineData("ACME", "M17", "ZX-0042")]
    [InlineData("ENGR", "MS1", "P00001")]
    [InlineData("A", "B", "1")]
    public void Every_stroke_of_a_marking_lies_inside_the_framing_outline(string make, string model, string serial)
    {
        var toolpath = new ToolpathGenerator().Generate(new MicrostampIdentity(make, model, serial), PinProfile.Default);
        var r = MarkOutline.RadiusMm(PinProfile.Default);

        Assert.All(toolpath.Strokes.SelectMany(s => s.Points), p => Assert.True(Math.Abs(p.X) <= r && Math.Abs(p.Y) <= r, $"{p} outside +-{r}"));
    }

    [Fact]
    public void The_outline_touches_the_gear_rings_outermost_strokes_not_the_tip_edge()
    {
        var toolpath = new ToolpathGenerator().Generate(new MicrostampIdentity("ACME", "M17", "ZX-0042"), PinProfile.Default);
        var farthest = toolpath.Strokes.SelectMany(s => s.Points).Max(p => Math.Sqrt((p.X * p.X) + (p.Y * p.Y)));

        Assert.Equal(0.71, MarkOutline.RadiusMm(PinProfile.Default), 6);
        Assert.True(farthest > MarkOutline.RadiusMm(PinProfile.Default) - 0.02, $"the ring reaches {farthest} mm");
        Assert.Equal(4, MarkOutline.Corners(PinProfile.Default).Count);
    }
}
