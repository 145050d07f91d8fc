using System.Globalization;
using Engraver.Vision.Verification;

namespace Engraver.Vision.Evidence;

/// <summary>The characters of a mark as an inspector reads them, one line per field:
/// "serial SN000101: all 8 characters read" or "serial SN000101: 8 characters, 1 doubtful: position 5 '1' (62% of its strokes)".
/// A doubtful character is one whose strokes were not found well enough to pass.</summary>
public static class GlyphReadout
{
    public static IReadOnlyList<string> Lines(IReadOnlyList<GlyphScore> glyphs)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        var lines = new List<string>();
        foreach (var field in glyphs.GroupBy(g => g.Glyph.Field))
        {
            var characters = field.OrderBy(g => g.Glyph.Position).ToList();
            var text = new string([.. characters.Select(g => g.Glyph.Character)]);
            var name = field.Key.ToString().ToLowerInvariant();
            var doubtful = characters.Where(g => !g.Passed).ToList();
            lines.Add(doubtful.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{name} {text}: all {characters.Count} characters read")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{name} {text}: {characters.Count} characters, {doubtful.Count} doubtful: {string.Join(", ", doubtful.Select(Doubtful))}"));
        }

        return lines;
    }

    private static string Doubtful(GlyphScore glyph) =>
        string.Create(CultureInfo.InvariantCulture, $"position {glyph.Glyph.Position + 1} '{glyph.Glyph.Character}' ({glyph.Coverage:0%} of its strokes)");
}
