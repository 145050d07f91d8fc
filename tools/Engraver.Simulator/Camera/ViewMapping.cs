using Engraver.Core.Geometry;

namespace Engraver.Simulator.Camera;

/// <summary>Maps machine millimetres to pixel coordinates for a camera centred on a machine point.
/// The optical axis is the geometric image centre ((width - 1) / 2, (height - 1) / 2) in pixel-centre
/// coordinates; machine +Y goes to smaller row numbers. <see cref="Pose"/> moves the whole scene as a
/// pin seated off-centre and turned in its seat would: turned about the view centre, then shifted. The camera's
/// own turn about its axis (<see cref="CameraRotationDeg"/>) shows the scene turned the other way, and a lens'
/// radial distortion pushes points out from the image centre by the square of their distance.</summary>
internal readonly record struct ViewMapping(
    Point2 Centre, double MillimetresPerPixel, int WidthPx, int HeightPx, ScenePose Pose = default, double CameraRotationDeg = 0, double RadialDistortion = 0)
{
    public (double Col, double Row) ToPixel(Point2 machine)
    {
        var local = new ScenePose(default, -CameraRotationDeg).Apply(Pose.Apply(machine - Centre));
        var x = local.X / MillimetresPerPixel;
        var y = local.Y / MillimetresPerPixel;
        if (RadialDistortion != 0)
        {
            var cornerSquared = ((WidthPx * WidthPx) + (HeightPx * HeightPx)) / 4.0;
            var k = 1 + (RadialDistortion * ((x * x) + (y * y)) / cornerSquared);
            (x, y) = (x * k, y * k);
        }

        return (((WidthPx - 1) / 2.0) + x, ((HeightPx - 1) / 2.0) - y);
    }

    /// <summary>Half the field of view plus a margin, in mm: anything farther from the centre cannot show.</summary>
    public bool MayShow(Point2 from, Point2 to, double marginMm)
    {
        // The pose only turns and shifts the scene, so a circle about the centre bounds what can show.
        var reach = (Math.Sqrt((WidthPx * WidthPx) + (HeightPx * HeightPx)) * MillimetresPerPixel / 2 / Math.Max(0.5, 1 + Math.Min(0, RadialDistortion))) + marginMm + Pose.OffsetMm.Length;
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
