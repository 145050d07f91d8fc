using Engraver.Core.Geometry;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class GearRingStrokesTests
{
    private static readonly GearRing Ring = GearRing.For(PinProfile.Default);
    private static readonly double LineWidth = PinProfile.Default.LineWidthMm;

    [Property(MaxTest = 30)]
    public Property Ring_strokes_are_one_bar_per_marked_cell_plus_the_mark() =>
        Prop.ForAll(GearGen.Identity.ToArbitrary(), identity =>
        {
            var cells = GearCodec.Instance.Encode(identity);
            var strokes = GearRingStrokes.Sweep(Ring, cells);
            return strokes.Count == cells.Count(c => c) + 2 && strokes.All(s => s.Points.Count == 2);
        });

    [Property(MaxTest = 20)]
    public Property Different_ring_strokes_are_at_least_two_line_widths_apart() =>
        Prop.ForAll(GearGen.Identity.ToArbitrary(), identity =>
        {
            var strokes = GearRingStrokes.Sweep(Ring, GearCodec.Instance.Encode(identity));
            var closest = double.PositiveInfinity;
            for (var i = 0; i < strokes.Count; i++)
            {
                for (var j = i + 1; j < strokes.Count; j++)
                {
                    closest = Math.Min(closest, Distance(strokes[i], strokes[j]));
                }
            }

            return (closest >= (2 * LineWidth) - 1e-4).Label($"closest {closest}");
        });

    [Fact]
    public void Orientation_mark_is_two_bars_across_the_whole_band_two_line_widths_apart()
    {
        var mark = GearRingStrokes.OrientationMark(Ring);

        Assert.Equal(2, mark.Count);
        Assert.All(mark, bar =>
        {
            Assert.Equal(Ring.InnerRadiusMm, Math.Min(bar.Start.Length, bar.End.Length), 3);
            Assert.Equal(Ring.OuterRadiusMm, Math.Max(bar.Start.Length, bar.End.Length), 3);
        });
        var inner = mark.Select(b => b.Start.Length < b.End.Length ? b.Start : b.End).ToList();
        Assert.True(inner[0].DistanceTo(inner[1]) >= (2 * LineWidth) - 1e-4);
    }

    [Fact]
    public void No_data_bar_crosses_a_track_gap()
    {
        var all = Enumerable.Repeat(true, Ring.CellCount).ToArray();

        var bars = GearRingStrokes.Sweep(Ring, all).Skip(2);

        Assert.All(bars, bar =>
        {
            var (inner, outer) = (Math.Min(bar.Start.Length, bar.End.Length), Math.Max(bar.Start.Length, bar.End.Length));
            Assert.Contains(Enumerable.Range(0, Ring.TrackCount), t => inner >= Ring.TrackInnerRadiusMm(t) - 1e-4 && outer <= Ring.TrackOuterRadiusMm(t) + 1e-4);
        });
    }

    [Fact]
    public void Sweep_and_cell_order_burn_the_same_strokes()
    {
        var cells = GearCodec.Instance.Encode(new("ACME", "M17", "ZX-0042"));

        var sweep = GearRingStrokes.Sweep(Ring, cells);
        var plain = GearRingStrokes.InCellOrder(Ring, cells);

        Assert.Equal(plain.Sum(s => s.Length), sweep.Sum(s => s.Length), 9);
        Assert.True(new Toolpath(sweep).TravelLengthMm < new Toolpath(plain).TravelLengthMm);
    }

    [Fact]
    public void Wrong_number_of_cells_is_refused() =>
        Assert.Throws<ArgumentException>(() => GearRingStrokes.Sweep(Ring, new bool[10]));

    private static double Distance(Stroke a, Stroke b)
    {
        var best = double.PositiveInfinity;
        for (var i = 1; i < a.Points.Count; i++)
        {
            for (var j = 1; j < b.Points.Count; j++)
            {
                best = Math.Min(best, SegmentDistance(a.Points[i - 1], a.Points[i], b.Points[j - 1], b.Points[j]));
            }
        }

        return best;
    }

    // The ring's segments never cross, so the closest approach is at an endpoint.
    private static double SegmentDistance(Point2 a, Point2 b, Point2 c, Point2 d) =>
        Math.Min(Math.Min(PointToSegment(a, c, d), PointToSegment(b, c, d)), Math.Min(PointToSegment(c, a, b), PointToSegment(d, a, b)));

    private static double PointToSegment(Point2 p, Point2 a, Point2 b)
    {
        var ab = b - a;
        var t = Math.Clamp((((p.X - a.X) * ab.X) + ((p.Y - a.Y) * ab.Y)) / ((ab.X * ab.X) + (ab.Y * ab.Y)), 0, 1);
        return p.DistanceTo(a + (ab * t));
    }
}
