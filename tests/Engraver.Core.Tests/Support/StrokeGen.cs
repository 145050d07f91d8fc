using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;

namespace Engraver.Core.Tests.Support;

/// <summary>Small random sets of strokes on a 1 mm square, with coordinates on a 0.001 mm grid.</summary>
internal static class StrokeGen
{
    private static readonly Gen<Point2> Point =
        Gen.Zip(Gen.Choose(-500, 500), Gen.Choose(-500, 500), (x, y) => new Point2(x / 1000.0, y / 1000.0));

    private static readonly Gen<Stroke> OneStroke =
        Gen.Zip(Point, Point, (a, b) => a == b ? new Stroke([a, b + new Point2(0.001, 0)]) : new Stroke([a, b]));

    public static Arbitrary<Stroke[]> Strokes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => OneStroke.ArrayOf(n)).ToArbitrary();

    /// <summary>The least travel over every order and direction, by brute force (tiny inputs only).</summary>
    public static double OptimalTravel(IReadOnlyList<Stroke> strokes, Point2 start)
    {
        var best = double.PositiveInfinity;
        void Visit(Point2 at, bool[] used, int placed, double travel)
        {
            if (travel >= best)
            {
                return;
            }

            if (placed == strokes.Count)
            {
                best = travel;
                return;
            }

            for (var i = 0; i < strokes.Count; i++)
            {
                if (used[i])
                {
                    continue;
                }

                used[i] = true;
                Visit(strokes[i].End, used, placed + 1, travel + at.DistanceTo(strokes[i].Start));
                Visit(strokes[i].Start, used, placed + 1, travel + at.DistanceTo(strokes[i].End));
                used[i] = false;
            }
        }

        Visit(start, new bool[strokes.Count], 0, 0);
        return best;
    }
}
