using Engraver.Core.Geometry;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class HeldKarpBoundTests
{
    [Property(MaxTest = 150)]
    public Property Bound_never_exceeds_the_brute_force_optimum() =>
        Prop.ForAll(StrokeGen.Strokes(1, 6), strokes =>
        {
            var optimum = StrokeGen.OptimalTravel(strokes, new Point2(0, 0));
            var bound = HeldKarpBound.Compute(strokes, new Point2(0, 0), optimum * 1.5, 80);
            return (bound <= optimum + 1e-9).Label($"bound {bound} optimum {optimum}");
        });

    [Fact]
    public void Bound_is_exact_for_strokes_laid_end_to_end_along_a_line()
    {
        Stroke[] strokes = [new([new(0.1, 0), new(0.2, 0)]), new([new(0.3, 0), new(0.4, 0)]), new([new(0.5, 0), new(0.6, 0)])];

        var bound = HeldKarpBound.Compute(strokes, new Point2(0, 0), 0.3, 100);

        Assert.Equal(0.3, bound, 6);
    }

    [Fact]
    public void Bound_is_at_least_the_spanning_tree_bound_on_a_ring()
    {
        var toolpath = new ToolpathGenerator().Generate(new("ACME", "M17", "ZX-0042"), Engraver.Core.Layout.PinProfile.Default);
        var travel = TravelOptimizer.TravelLength(toolpath.Strokes, ToolpathGenerator.StartPoint);

        var heldKarp = HeldKarpBound.Compute(toolpath.Strokes, ToolpathGenerator.StartPoint, travel, 60);

        Assert.True(heldKarp >= TravelLowerBound.MinimumSpanningTree(toolpath.Strokes, ToolpathGenerator.StartPoint));
        Assert.True(heldKarp <= travel);
    }

    [Fact]
    public void No_strokes_need_no_travel() => Assert.Equal(0, HeldKarpBound.Compute([], new Point2(0, 0), 1, 10));
}
