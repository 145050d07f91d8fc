using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class TravelOptimizerTests
{
    private static readonly Point2 Origin = new(0, 0);

    private readonly TravelOptimizer _optimizer = new();

    private static Arbitrary<Stroke[]> RandomStrokes =>
        Gen.Choose(-500, 500).Four()
            .Select(t => new Stroke([new Point2(t.Item1 / 1000.0, t.Item2 / 1000.0), new Point2(t.Item3 / 1000.0, t.Item4 / 1000.0)]))
            .Where(s => s.Length > 0)
            .ArrayOf()
            .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Optimised_travel_is_never_longer_than_the_given_order() =>
        Prop.ForAll(RandomStrokes, strokes =>
            TravelOptimizer.TravelLength(_optimizer.Optimize(strokes, Origin), Origin)
                <= TravelOptimizer.TravelLength(strokes, Origin) + 1e-12);

    [Property(MaxTest = 200)]
    public Property Every_stroke_is_kept_exactly_once_in_one_direction_or_the_other() =>
        Prop.ForAll(RandomStrokes, strokes =>
        {
            var optimised = _optimizer.Optimize(strokes, Origin);
            var remaining = strokes.ToList();
            foreach (var stroke in optimised)
            {
                var match = remaining.FindIndex(s => s.Equals(stroke) || s.Equals(stroke.Reversed()));
                if (match < 0)
                {
                    return false;
                }

                remaining.RemoveAt(match);
            }

            return remaining.Count == 0;
        });

    [Fact]
    public void A_stroke_is_drawn_backwards_when_its_end_is_nearer()
    {
        var first = new Stroke([new Point2(0, 0), new Point2(1, 0)]);
        var second = new Stroke([new Point2(5, 0), new Point2(1.1, 0)]);

        var optimised = _optimizer.Optimize([first, second], Origin);

        Assert.Equal([first, second.Reversed()], optimised);
        Assert.Equal(0.1, TravelOptimizer.TravelLength(optimised, Origin), 9);
    }

    [Fact]
    public void Strokes_are_visited_nearest_first_rather_than_in_the_given_order()
    {
        var far = new Stroke([new Point2(10, 0), new Point2(11, 0)]);
        var near = new Stroke([new Point2(1, 0), new Point2(2, 0)]);
        var middle = new Stroke([new Point2(5, 0), new Point2(6, 0)]);

        var optimised = _optimizer.Optimize([far, near, middle], Origin);

        Assert.Equal([near, middle, far], optimised);
    }

    [Fact]
    public void The_same_strokes_always_give_the_same_order()
    {
        // A fixed scatter of strokes with many near-ties, built without randomness.
        var strokes = Enumerable.Range(0, 60)
            .Select(i => new Stroke([new Point2(i * 37 % 11, i * 53 % 7), new Point2((i * 37 % 11) + 1, (i * 53 % 7) + (i % 3))]))
            .ToArray();

        var first = _optimizer.Optimize(strokes, Origin);
        var second = new TravelOptimizer().Optimize(strokes, Origin);

        Assert.Equal(first, second);
    }

    [Fact]
    public void No_strokes_and_one_stroke_are_returned_as_they_are()
    {
        var single = new Stroke([new Point2(1, 1), new Point2(2, 2)]);

        Assert.Empty(_optimizer.Optimize([], Origin));
        Assert.Equal([single], _optimizer.Optimize([single], Origin));
    }
}
