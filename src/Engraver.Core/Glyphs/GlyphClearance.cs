namespace Engraver.Core.Glyphs;

/// <summary>How close the strokes of a glyph run to each other where they do not meet, in grid units.
/// A burned line is as wide as the beam, so two strokes closer than two line widths merge into a blob
/// and the character stops being legible. Segments that touch are meeting on purpose and do not count;
/// neither do two segments of one polyline joined by a single short segment (a chamfered corner),
/// whose gap is ink anyway.</summary>
public static class GlyphClearance
{
    /// <summary>Longest joining segment, in grid units, that still counts as a corner.</summary>
    public const double CornerLength = 1.5;

    /// <summary>The smallest distance between two strokes of the glyph that do not meet, or
    /// <see cref="double.PositiveInfinity"/> when every pair meets.</summary>
    public static double Minimum(Glyph glyph)
    {
        ArgumentNullException.ThrowIfNull(glyph);
        var segments = new List<Segment>();
        for (var s = 0; s < glyph.Strokes.Count; s++)
        {
            var points = glyph.Strokes[s];
            for (var i = 1; i < points.Count; i++)
            {
                segments.Add(new Segment(s, i - 1, points[i - 1], points[i]));
            }
        }

        var minimum = double.PositiveInfinity;
        for (var i = 0; i < segments.Count; i++)
        {
            for (var j = i + 1; j < segments.Count; j++)
            {
                var (a, b) = (segments[i], segments[j]);
                if (a.Stroke == b.Stroke && b.Index - a.Index == 1)
                {
                    continue;
                }

                if (a.Stroke == b.Stroke && b.Index - a.Index == 2 && Length(glyph.Strokes[a.Stroke], a.Index + 1) <= CornerLength)
                {
                    continue;
                }

                var distance = Distance(a, b);
                if (distance > 1e-9)
                {
                    minimum = Math.Min(minimum, distance);
                }
            }
        }

        return minimum;
    }

    /// <summary>The smallest <see cref="Minimum(Glyph)"/> over every glyph of the font.</summary>
    public static double Minimum(StrokeFont font)
    {
        ArgumentNullException.ThrowIfNull(font);
        return font.Characters.Select(c => Minimum(font.GetGlyph(c))).DefaultIfEmpty(double.PositiveInfinity).Min();
    }

    private static double Length(IReadOnlyList<GridPoint> points, int segment) =>
        Math.Sqrt(Square(points[segment + 1].X - points[segment].X) + Square(points[segment + 1].Y - points[segment].Y));

    private static double Distance(Segment a, Segment b)
    {
        if (Intersect(a, b))
        {
            return 0;
        }

        return Math.Min(
            Math.Min(PointToSegment(a.From, b), PointToSegment(a.To, b)),
            Math.Min(PointToSegment(b.From, a), PointToSegment(b.To, a)));
    }

    private static bool Intersect(Segment a, Segment b)
    {
        long d1 = Cross(b.From, b.To, a.From), d2 = Cross(b.From, b.To, a.To);
        long d3 = Cross(a.From, a.To, b.From), d4 = Cross(a.From, a.To, b.To);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static long Cross(GridPoint o, GridPoint p, GridPoint q) =>
        ((long)(p.X - o.X) * (q.Y - o.Y)) - ((long)(p.Y - o.Y) * (q.X - o.X));

    private static double PointToSegment(GridPoint p, Segment s)
    {
        double dx = s.To.X - s.From.X, dy = s.To.Y - s.From.Y;
        var t = Math.Clamp((((p.X - s.From.X) * dx) + ((p.Y - s.From.Y) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        return Math.Sqrt(Square(p.X - (s.From.X + (t * dx))) + Square(p.Y - (s.From.Y + (t * dy))));
    }

    private static double Square(double v) => v * v;

    private readonly record struct Segment(int Stroke, int Index, GridPoint From, GridPoint To);
}
