namespace Engraver.Simulator.Grbl;

/// <summary>Cuts a G2/G3 arc in the XY plane into straight moves as GRBL's mc_arc does: each chord
/// deviates from the true arc by at most the arc tolerance ($12); Z moves linearly (a helix). Pure.</summary>
internal static class ArcSegmenter
{
    /// <summary>Largest difference between the start and end radius GRBL accepts (error 33 beyond).</summary>
    public const double RadiusToleranceMm = 0.005;

    /// <summary>The points after <paramref name="from"/>, ending exactly at <paramref name="to"/>; null
    /// when the end does not lie on the circle through the start.</summary>
    public static IReadOnlyList<Position3>? Points(Position3 from, Position3 to, double centreX, double centreY, bool clockwise, double toleranceMm)
    {
        var startRadius = Math.Sqrt(Square(from.X - centreX) + Square(from.Y - centreY));
        var endRadius = Math.Sqrt(Square(to.X - centreX) + Square(to.Y - centreY));
        if (startRadius <= 0 || (Math.Abs(startRadius - endRadius) > RadiusToleranceMm && Math.Abs(startRadius - endRadius) > 0.001 * startRadius))
        {
            return null;
        }

        var startAngle = Math.Atan2(from.Y - centreY, from.X - centreX);
        var endAngle = Math.Atan2(to.Y - centreY, to.X - centreX);
        var travel = endAngle - startAngle;
        if (clockwise)
        {
            if (travel >= -1e-9)
            {
                travel -= 2 * Math.PI;
            }
        }
        else if (travel <= 1e-9)
        {
            travel += 2 * Math.PI;
        }

        var chordAngle = 2 * Math.Acos(Math.Max(-1, 1 - (toleranceMm / startRadius)));
        var segments = Math.Max(1, (int)Math.Ceiling(Math.Abs(travel) / Math.Max(chordAngle, 1e-6)));
        var points = new List<Position3>(segments);
        for (var i = 1; i < segments; i++)
        {
            var angle = startAngle + (travel * i / segments);
            points.Add(new Position3(centreX + (startRadius * Math.Cos(angle)), centreY + (startRadius * Math.Sin(angle)), from.Z + ((to.Z - from.Z) * i / segments)));
        }

        points.Add(to);
        return points;
    }

    private static double Square(double value) => value * value;
}
