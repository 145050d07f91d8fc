using System.Globalization;

namespace Engraver.Core.Glyphs;

/// <summary>Reads the stroke-font text format:
/// <code>
/// # comment
/// grid 4 6          width and cap height in grid units
/// advance 6         grid units from one glyph origin to the next
/// A  0,0 2,6 4,0 | 1,3 3,3
/// </code>
/// Every error names the source, the line and what is wrong.</summary>
public static class StrokeFontParser
{
    public static StrokeFont Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        (int Width, int Height)? grid = null;
        int? advance = null;
        var glyphs = new List<Glyph>();
        var firstLine = new Dictionary<char, int>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var content = StripComment(lines[index]);
            var tokens = content.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            StrokeFontFormatException Error(string problem) => new($"{sourceName} line {lineNumber}: {problem}");

            switch (tokens[0])
            {
                case "grid":
                    grid = tokens.Length == 3 && TryPositive(tokens[1], out var w) && TryPositive(tokens[2], out var h)
                        ? (w, h)
                        : throw Error($"expected 'grid <width> <height>' with positive whole numbers, found '{content.Trim()}'");
                    break;
                case "advance":
                    advance = tokens.Length == 2 && TryPositive(tokens[1], out var a)
                        ? a
                        : throw Error($"expected 'advance <grid units>' with a positive whole number, found '{content.Trim()}'");
                    break;
                case { Length: 1 } glyphToken when glyphToken[0] is > ' ' and < '\x7F':
                    var size = grid ?? throw Error("a glyph comes before the 'grid' line");
                    var character = glyphToken[0];
                    if (firstLine.TryGetValue(character, out var earlier))
                    {
                        throw Error($"duplicate glyph '{character}' (first defined on line {earlier})");
                    }

                    firstLine[character] = lineNumber;
                    glyphs.Add(new Glyph(character, ParseStrokes(tokens.AsSpan(1), size, Error)));
                    break;
                default:
                    throw Error($"unknown syntax '{content.Trim()}': expected 'grid', 'advance' or a single printable character followed by strokes");
            }
        }

        if (grid is null)
        {
            throw new StrokeFontFormatException($"{sourceName}: the 'grid <width> <height>' line is missing.");
        }

        if (advance is null)
        {
            throw new StrokeFontFormatException($"{sourceName}: the 'advance <grid units>' line is missing.");
        }

        if (advance < grid.Value.Width)
        {
            throw new StrokeFontFormatException($"{sourceName}: advance {advance} is narrower than the grid width {grid.Value.Width}, so glyphs would overlap.");
        }

        return glyphs.Count > 0
            ? new StrokeFont(grid.Value.Width, grid.Value.Height, advance.Value, glyphs)
            : throw new StrokeFontFormatException($"{sourceName}: the font defines no glyphs.");
    }

    private static List<IReadOnlyList<GridPoint>> ParseStrokes(
        ReadOnlySpan<string> tokens, (int Width, int Height) grid, Func<string, StrokeFontFormatException> error)
    {
        var strokes = new List<IReadOnlyList<GridPoint>>();
        var current = new List<GridPoint>();
        foreach (var token in tokens)
        {
            if (token == "|")
            {
                strokes.Add(FinishStroke(current, strokes.Count, error));
                current = [];
                continue;
            }

            var point = ParsePoint(token, error);
            if (point.X < 0 || point.X > grid.Width || point.Y < 0 || point.Y > grid.Height)
            {
                throw error($"point {point} is outside the {grid.Width} x {grid.Height} grid");
            }

            if (current.Count > 0 && current[^1] == point)
            {
                throw error($"point {point} repeats the point before it in stroke {strokes.Count + 1}");
            }

            current.Add(point);
        }

        strokes.Add(FinishStroke(current, strokes.Count, error));
        return strokes;
    }

    private static GridPoint ParsePoint(string token, Func<string, StrokeFontFormatException> error)
    {
        var comma = token.IndexOf(',', StringComparison.Ordinal);
        return comma > 0
            && int.TryParse(token.AsSpan(0, comma), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x)
            && int.TryParse(token.AsSpan(comma + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)
                ? new GridPoint(x, y)
                : throw error($"'{token}' is not a point; expected 'x,y' with whole numbers");
    }

    private static GridPoint[] FinishStroke(List<GridPoint> points, int index, Func<string, StrokeFontFormatException> error) =>
        points.Count >= 2 ? [.. points] : throw error($"stroke {index + 1} has {points.Count} point(s); a stroke needs at least two");

    private static bool TryPositive(string token, out int value) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? line[..hash] : line).TrimEnd('\r');
    }
}
