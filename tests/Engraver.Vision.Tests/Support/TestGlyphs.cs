using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;

namespace Engraver.Vision.Tests.Support;

/// <summary>A handful of letter-like single-stroke glyphs, 0.08 mm wide and 0.12 mm high, drawn by hand
/// for the tests; origin at the glyph's lower left, +Y up.</summary>
internal static class TestGlyphs
{
    public const double Width = 0.08;
    public const double Height = 0.12;
    public const double Pitch = 0.1;

    private static readonly Dictionary<char, double[][]> Glyphs = new()
    {
        ['E'] = [[0.08, 0.12, 0, 0.12, 0, 0, 0.08, 0], [0, 0.06, 0.06, 0.06]],
        ['1'] = [[0.02, 0.09, 0.045, 0.12, 0.045, 0], [0.015, 0, 0.075, 0]],
        ['7'] = [[0, 0.12, 0.08, 0.12, 0.03, 0]],
        ['L'] = [[0, 0.12, 0, 0, 0.08, 0]],
        ['2'] = [[0, 0.09, 0.02, 0.12, 0.06, 0.12, 0.08, 0.09, 0.08, 0.075, 0, 0, 0.08, 0]],
        ['4'] = [[0.06, 0, 0.06, 0.12, 0, 0.04, 0.08, 0.04]],
        ['A'] = [[0, 0, 0.04, 0.12, 0.08, 0], [0.017, 0.05, 0.063, 0.05]],
        ['H'] = [[0, 0, 0, 0.12], [0.08, 0, 0.08, 0.12], [0, 0.06, 0.08, 0.06]],
    };

    /// <summary>The strokes of <paramref name="text"/> laid out on one line, centred on the pin centre.</summary>
    public static Toolpath Layout(string text)
    {
        var left = -((text.Length - 1) * Pitch + Width) / 2;
        var bottom = -Height / 2;
        var strokes = new List<Stroke>();
        for (var c = 0; c < text.Length; c++)
        {
            var origin = new Point2(left + (c * Pitch), bottom);
            foreach (var coordinates in Glyphs[text[c]])
            {
                var points = new List<Point2>();
                for (var i = 0; i < coordinates.Length; i += 2)
                {
                    points.Add(origin + new Point2(coordinates[i], coordinates[i + 1]));
                }

                strokes.Add(new Stroke(points));
            }
        }

        return new Toolpath(strokes);
    }
}
