using Engraver.Core.Geometry;

namespace Engraver.Simulator.Camera;

/// <summary>Maps machine millimetres to pixel coordinates for a camera centred on a machine point.
/// The optical axis is the geometric image centre ((width - 1) / 2, (height - 1) / 2) in pixel-centre
/// coordinates; machine +Y goes to smaller row numbers.</summary>
internal readonly record struct ViewMapping(Point2 Centre, double MillimetresPerPixel, int WidthPx, int HeightPx)
{
    public (double Col, double Row) ToPixel(Point2 machine) =>
        (((WidthPx - 1) / 2.0) + ((machine.X - Centre.X) / MillimetresPerPixel),
         ((HeightPx - 1) / 2.0) - ((machine.Y - Centre.Y) / MillimetresPerPixel));

    /// <summary>Half the field of view plus a margin, in mm: anything farther from the centre cannot show.</summary>
    public bool MayShow(Point2 from, Point2 to, double marginMm)
    {
        var halfWidth = (WidthPx * MillimetresPerPixel / 2) + marginMm;
        var halfHeight = (HeightPx * MillimetresPerPixel / 2) + marginMm;
        var minX = Math.Min(from.X, to.X) - Centre.X;
        var maxX = Math.Max(from.X, to.X) - Centre.X;
        var minY = Math.Min(from.Y, to.Y) - Centre.Y;
        var maxY = Math.Max(from.Y, to.Y) - Centre.Y;
        return maxX >= -halfWidth && minX <= halfWidth && maxY >= -halfHeight && minY <= halfHeight;
    }
}
