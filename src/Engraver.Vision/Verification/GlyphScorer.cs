using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Scores each expected glyph on its own: its boxes are painted into a label image (glyph i as
/// i + 1) and the expected, covered and stray pixels are counted per label with one histogram each.</summary>
internal static class GlyphScorer
{
    /// <param name="expected">Expected strokes at nominal width over <paramref name="region"/>.</param>
    /// <param name="covered">Expected stroke pixels with a mark within tolerance.</param>
    /// <param name="stray">Mark pixels farther than the tolerance from every expected stroke.</param>
    public static IReadOnlyList<GlyphScore> Score(
        IReadOnlyList<GlyphBox> glyphs, FrameGeometry geometry, Rect region, Mat expected, Mat covered, Mat stray, MarkVerifierOptions options)
    {
        if (glyphs.Count == 0)
        {
            return [];
        }

        using var labels = new Mat(region.Height, region.Width, MatType.CV_16UC1, Scalar.All(0));
        for (var g = 0; g < glyphs.Count; g++)
        {
            var corners = glyphs[g].Corners.Select(c => FrameGeometry.ToDrawing(geometry.ToPixel(c), region.TopLeft)).ToArray();
            Cv2.FillConvexPoly(labels, corners, Scalar.All(g + 1), LineTypes.Link8, FrameGeometry.SubPixelBits);
        }

        var expectedCounts = CountPerLabel(labels, expected, glyphs.Count);
        var coveredCounts = CountPerLabel(labels, covered, glyphs.Count);
        var strayCounts = CountPerLabel(labels, stray, glyphs.Count);
        var scores = new List<GlyphScore>(glyphs.Count);
        for (var g = 0; g < glyphs.Count; g++)
        {
            var area = expectedCounts[g + 1];
            var coverage = area == 0 ? 0 : coveredCounts[g + 1] / area;
            var strayMark = area == 0 ? 1 : strayCounts[g + 1] / area;
            scores.Add(new GlyphScore(glyphs[g], coverage, strayMark, coverage >= options.MinGlyphCoverage && strayMark <= options.MaxGlyphStrayMark));
        }

        return scores;
    }

    private static float[] CountPerLabel(Mat labels, Mat mask, int glyphCount)
    {
        using var hist = new Mat();
        Cv2.CalcHist([labels], [0], mask, hist, 1, [glyphCount + 1], [new Rangef(0, glyphCount + 1)]);
        hist.GetArray(out float[] counts);
        return counts;
    }
}
