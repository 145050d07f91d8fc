using Engraver.Core.Geometry;

namespace Engraver.Simulator.Camera;

/// <summary>Maps machine millimetres to pixel coordinates for a camera centred on a machine point.
/// The optical axis is the geometric image centre ((width - 1) / 2, (height - 1) / 2) in pixel-centre
/// coordinates; machine +Y goes to smaller row numbers. <see cref="Pose"/> moves the whole scene as a
/// pin seated off-centre and turned in its seat would: turned about the view centre, then shifted.</summary>
internal readonly record struct ViewMapping(Point2 Centre, double MillimetresPerPixel, int WidthPx, int HeightPx, ScenePose Pose = default)
{
    public (double Col, double Row) ToPixel(Point2 machine)
    {
        var local = Pose.Apply(machine - Centre);
        return (((WidthPx - 1) / 2.0) + (local.X / MillimetresPerPixel),
                ((HeightPx - 1) / 2.0) - (local.Y / MillimetresPerPixel));
    }

    /// <summary>Half the field of view plus a margin, in mm: anything farther from the centre cannot show.</summary>
    public bool MayShow(Point2 from, Point2 to, double marginMm)
    {
        // The pose only turns and shifts the scene, so a circle about the centre bounds what can show.
        var reach = (Math.Sqrt((WidthPx * WidthPx) + (HeightPx * HeightPx)) * MillimetresPerPixel / 2) + marginMm + Pose.OffsetMm.Length;
        var a = from - Centre;
        var b = to - Centre;
        var along = b - a;
        var lengthSquared = (along.X * along.X) + (along.Y * along.Y);
        var t = lengthSquared == 0 ? 0 : Math.Clamp(-((a.X * along.X) + (a.Y * along.Y)) / lengthSquared, 0, 1);
        return (a + (along * t)).Length <= reach;
    }
}

/// <summary>Where the pin really sits in the view: turned by <see cref="RotationDeg"/> (counter-clockwise)
/// about the view centre, then shifted by <see cref="OffsetMm"/>.</summary>
public readonly record struct ScenePose(Point2 OffsetMm, double RotationDeg)
{
    public Point2 Apply(Point2 relative)
    {
        var radians = RotationDeg * Math.PI / 180;
        var (sin, cos) = Math.SinCos(radians);
        return new Point2((relative.X * cos) - (relative.Y * sin) + OffsetMm.X, (relative.X * sin) + (relative.Y * cos) + OffsetMm.Y);
    }
}
