using Engraver.Core.Geometry;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Recipes;

/// <summary>One place on a pin that a recipe marks (the tip face, a second face): where it is from the slot centre,
/// how the marking is turned there, the pin profile it is laid out on, and, when the recipe says so, stricter or
/// looser verification thresholds than the station's.</summary>
public sealed record MarkingLocation(string Name, Point2 OffsetMm, double RotationDeg, PinProfile Pin)
{
    /// <summary>The least stroke coverage this location passes with; null: the station's.</summary>
    public double? MinStrokeCoverage { get; init; }

    /// <summary>The most stray mark this location passes with; null: the station's.</summary>
    public double? MaxStrayMark { get; init; }

    /// <summary>A recipe that names no locations marks the tip, at the slot centre, unturned, on the default pin.</summary>
    public static MarkingLocation Tip { get; } = new("tip", new Point2(0, 0), 0, PinProfile.Default);

    /// <summary>The marking turned by <see cref="RotationDeg"/> about the location's centre (counter-clockwise seen
    /// from the laser); the offset is not added here: the station moves the work origin to the location.</summary>
    public Toolpath Turn(Toolpath local)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (RotationDeg == 0)
        {
            return local;
        }

        var radians = RotationDeg * Math.PI / 180;
        var (sin, cos) = Math.SinCos(radians);
        return new Toolpath([.. local.Strokes.Select(s => new Stroke([.. s.Points.Select(p => new Point2((p.X * cos) - (p.Y * sin), (p.X * sin) + (p.Y * cos)))]))]);
    }
}
