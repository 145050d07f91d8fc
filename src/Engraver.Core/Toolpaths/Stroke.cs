using Engraver.Core.Geometry;

namespace Engraver.Core.Toolpaths;

/// <summary>One laser-on polyline, drawn from its first point to its last.</summary>
public sealed record Stroke
{
    public Stroke(IReadOnlyList<Point2> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            throw new ArgumentException("A stroke needs at least two points.", nameof(points));
        }

        Points = points;
    }

    public IReadOnlyList<Point2> Points { get; }

    public Point2 Start => Points[0];

    public Point2 End => Points[^1];

    public double Length
    {
        get
        {
            var length = 0.0;
            for (var i = 1; i < Points.Count; i++)
            {
                length += Points[i - 1].DistanceTo(Points[i]);
            }

            return length;
        }
    }

    public Stroke Reversed() => new(Points.Reverse().ToArray());

    public bool Equals(Stroke? other) => other is not null && Points.SequenceEqual(other.Points);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var p in Points)
        {
            hash.Add(p);
        }

        return hash.ToHashCode();
    }
}
