using System.Globalization;
using Engraver.Core.Geometry;

namespace Engraver.Simulator.Grbl;

/// <summary>A 3-axis position in millimetres.</summary>
internal readonly record struct Position3(double X, double Y, double Z)
{
    public static Position3 Zero => default;

    public static Position3 operator +(Position3 a, Position3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Position3 operator -(Position3 a, Position3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public Point2 Xy => new(X, Y);

    public double DistanceTo(Position3 other)
    {
        var d = other - this;
        return Math.Sqrt((d.X * d.X) + (d.Y * d.Y) + (d.Z * d.Z));
    }

    public Position3 Lerp(Position3 to, double t) => new(X + ((to.X - X) * t), Y + ((to.Y - Y) * t), Z + ((to.Z - Z) * t));

    /// <summary>GRBL's report format: three decimals, comma separated.</summary>
    public string ToGrbl() => string.Create(CultureInfo.InvariantCulture, $"{X:0.000},{Y:0.000},{Z:0.000}");
}
