using Engraver.Core.Geometry;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class TravelLowerBoundTests
{
    [Property(MaxTest = 150)]
    public Property Spanning_tree_and_nearest_endpoint_bounds_never_exceed_the_optimum() =>
        Prop.ForAll(StrokeGen.Strokes(1, 6), strokes =>
        {
            var optimum = StrokeGen.OptimalTravel(strokes, new Point2(0, 0));
            return (TravelLowerBound.MinimumSpanningTree(strokes, new Point2(0, 0)) <= optimum + 1e-9).Label("spanning tree")
                .And((TravelLowerBound.NearestEndpoints(strokes, new Point2(0, 0)) <= optimum + 1e-9).Label("nearest endpoints"))
                .And((TravelLowerBound.Best(strokes, new Point2(0, 0)) <= optimum + 1e-9).Label("best"));
        });

    [Fact]
    public void Spanning_tree_of_a_row_of_strokes_is_the_sum_of_the_gaps()
    {
        Stroke[] strokes = [new([new(0.1, 0), new(0.2, 0)]), new([new(0.4, 0), new(0.5, 0)])];

        Assert.Equal(0.1 + 0.2, TravelLowerBound.MinimumSpanningTree(strokes, new Point2(0, 0)), 9);
    }
}
