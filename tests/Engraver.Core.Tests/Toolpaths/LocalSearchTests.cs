using Engraver.Core.Geometry;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class LocalSearchTests
{
    [Property(MaxTest = 150)]
    public Property Improved_path_burns_the_same_strokes_and_never_travels_further() =>
        Prop.ForAll(StrokeGen.Strokes(0, 40), strokes =>
        {
            var start = new Point2(0, 0);
            var improved = LocalSearch.Improve(strokes, start, 6);
            var same = improved.Select(Canonical).OrderBy(k => k).SequenceEqual(strokes.Select(Canonical).OrderBy(k => k));
            return same.Label("same strokes")
                .And((TravelOptimizer.TravelLength(improved, start) <= TravelOptimizer.TravelLength(strokes, start) + 1e-9).Label("no longer"));
        });

    [Fact]
    public void Strokes_given_in_a_zig_zag_are_put_in_a_row()
    {
        Stroke[] strokes =
        [
            new([new(0.0, 0), new(0.1, 0)]),
            new([new(0.4, 0), new(0.5, 0)]),
            new([new(0.2, 0), new(0.3, 0)]),
            new([new(0.6, 0), new(0.7, 0)]),
        ];

        var improved = LocalSearch.Improve(strokes, new Point2(0, 0), 3);

        Assert.Equal(0.3, TravelOptimizer.TravelLength(improved, new Point2(0, 0)), 9);
    }

    [Fact]
    public void Same_input_gives_the_same_order()
    {
        var strokes = Enumerable.Range(0, 30).Select(i => new Stroke([new(i * 0.037 % 0.5, i * 0.011), new((i * 0.037 % 0.5) + 0.02, i * 0.011)])).ToArray();

        Assert.Equal(LocalSearch.Improve(strokes, new Point2(0, 0), 6), LocalSearch.Improve(strokes, new Point2(0, 0), 6));
    }

    private static string Canonical(Stroke s)
    {
        var forward = string.Join(";", s.Points);
        var backward = string.Join(";", s.Points.Reverse());
        return string.CompareOrdinal(forward, backward) <= 0 ? forward : backward;
    }
}
