using Engraver.Core.Geometry;
using Engraver.Core.Microstamp;

namespace Engraver.Core.Toolpaths;

/// <summary>The laser strokes of a gear ring: one radial bar per marked cell and the orientation mark
/// as two bars across the whole band. The strokes come as a closed sweep around the ring (counter-clockwise, slot by slot,
/// alternately outward and inward), which keeps travel between neighbouring cells to one slot pitch
/// or one track gap; <see cref="RingSweep"/> decides where the sweep starts.</summary>
public static class GearRingStrokes
{
    /// <summary>The ring's strokes in sweep order, starting with the orientation mark.</summary>
    public static IReadOnlyList<Stroke> Sweep(GearRing ring, IReadOnlyList<bool> cells)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != ring.CellCount)
        {
            throw new ArgumentException($"The ring has {ring.CellCount} cells but {cells.Count} were given.", nameof(cells));
        }

        var strokes = new List<Stroke>(OrientationMark(ring));
        var outward = false;
        for (var slot = 0; slot * ring.TrackCount < ring.CellCount; slot++)
        {
            var marked = Enumerable.Range(slot * ring.TrackCount, ring.TrackCount).Where(c => cells[c]).ToList();
            if (marked.Count == 0)
            {
                continue;
            }

            if (!outward)
            {
                marked.Reverse();
            }

            foreach (var cell in marked)
            {
                var bar = Bar(ring.CellCentreAngleRad(cell), ring.CellInnerRadiusMm(cell), ring.CellOuterRadiusMm(cell));
                strokes.Add(outward ? bar : bar.Reversed());
            }

            outward = !outward;
        }

        return strokes;
    }

    /// <summary>The mark, then every marked cell's bar drawn outward, in cell order: no travel planning.</summary>
    public static IReadOnlyList<Stroke> InCellOrder(GearRing ring, IReadOnlyList<bool> cells)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(cells);
        var strokes = new List<Stroke>(OrientationMark(ring));
        for (var cell = 0; cell < cells.Count; cell++)
        {
            if (cells[cell])
            {
                strokes.Add(Bar(ring.CellCentreAngleRad(cell), ring.CellInnerRadiusMm(cell), ring.CellOuterRadiusMm(cell)));
            }
        }

        return strokes;
    }

    /// <summary>Two bars across the whole band, from the inner to the outer radius, half a slot pitch
    /// either side of the mark's angle: two line widths apart at the inner radius, so each is burned and
    /// checked on its own. Data bars never cross the gaps between tracks, so nothing else looks like them.</summary>
    public static IReadOnlyList<Stroke> OrientationMark(GearRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var (before, after) = (ring.OrientationMarkAngleRad - ring.OrientationMarkHalfWidthRad, ring.OrientationMarkAngleRad + ring.OrientationMarkHalfWidthRad);
        return [Bar(before, ring.InnerRadiusMm, ring.OuterRadiusMm), Bar(after, ring.OuterRadiusMm, ring.InnerRadiusMm)];
    }

    private static Stroke Bar(double angle, double inner, double outer) => new([Polar(inner, angle), Polar(outer, angle)]);

    private static Point2 Polar(double radius, double angle) =>
        new(Round(radius * Math.Cos(angle)), Round(radius * Math.Sin(angle)));

    // Same resolution as the G-code; adding 0.0 turns -0 into +0.
    private static double Round(double value) => Math.Round(value, ToolpathGenerator.Decimals, MidpointRounding.ToEven) + 0.0;
}
