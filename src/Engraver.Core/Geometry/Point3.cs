namespace Engraver.Core.Geometry;

/// <summary>A machine position in millimetres: X and Y on the bed, Z the laser head's height.</summary>
public readonly record struct Point3(double X, double Y, double Z)
{
    public Point3(Point2 xy, double z)
        : this(xy.X, xy.Y, z)
    {
    }

    public Point2 Xy => new(X, Y);
}
