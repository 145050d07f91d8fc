using Engraver.Core.Geometry;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class RingSweepTests
{
    private static readonly IReadOnlyList<Stroke> Cycle =
        GearRingStrokes.Sweep(GearRing.For(PinProfile.Default), GearCodec.Instance.Encode(new("ACME", "M17", "ZX-0042")));

    [Fact]
    public void Opened_sweep_keeps_every_stroke()
    {
        var opened = RingSweep.OpenNear(Cycle, new Point2(0, 0.5));

        Assert.Equal(Cycle.Count, opened.Count);
        Assert.Equal(Cycle.Sum(s => s.Length), opened.Sum(s => s.Length), 9);
    }

    [Fact]
    public void Opened_sweep_starts_near_the_given_point()
    {
        var from = new Point2(0, -0.55);

        var opened = RingSweep.OpenNear(Cycle, from);

        var nearest = Cycle.SelectMany(s => new[] { s.Start, s.End }).Min(p => p.DistanceTo(from));
        Assert.True(from.DistanceTo(opened[0].Start) < nearest + 0.1);
    }

    [Fact]
    public void Opened_sweep_travels_no_further_than_starting_at_the_mark()
    {
        var from = new Point2(-0.3, 0.2);

        var opened = RingSweep.OpenNear(Cycle, from);

        Assert.True(TravelOptimizer.TravelLength(opened, from) <= TravelOptimizer.TravelLength(Cycle, from) + 1e-12);
    }

    [Fact]
    public void Empty_cycle_opens_to_nothing() => Assert.Empty(RingSweep.OpenNear([], new Point2(0, 0)));
}
