namespace Engraver.Vision.Verification;

/// <summary>The outcome of comparing a captured mark with the strokes it should show.</summary>
/// <param name="Passed">True when every score is within its tolerance; otherwise <see cref="Reasons"/> says why not.</param>
/// <param name="StrokeCoverage">Fraction of the expected stroke area with a mark within tolerance.</param>
/// <param name="StrayMark">Fraction of the marked area farther than the tolerance from every expected stroke.</param>
/// <param name="WorstSegmentCoverage">The lowest coverage of any straight segment that could be judged on its own.</param>
/// <param name="Reasons">Plain-language reasons for a failure; empty when passed.</param>
/// <param name="Alignment">Shift of the mark from its nominal place at which it matched best.</param>
/// <param name="MarkContrast">Grey levels between the metal and the mark.</param>
/// <param name="Segments">Coverage of every straight segment of every expected stroke, in toolpath order.</param>
public sealed record MarkVerification(
    bool Passed,
    double StrokeCoverage,
    double StrayMark,
    double WorstSegmentCoverage,
    IReadOnlyList<string> Reasons,
    PixelOffset Alignment,
    double MarkContrast,
    IReadOnlyList<SegmentScore> Segments)
{
    /// <summary>Where the pin was found and how it is turned.</summary>
    public MarkPose Pose { get; init; }

    /// <summary>Print-quality grade in the spirit of ISO/IEC 29158.</summary>
    public MarkGrade Grade { get; init; } = MarkGrade.Failed;

    /// <summary>Score of every expected glyph, in reading order; empty when glyph places were not known.</summary>
    public IReadOnlyList<GlyphScore> Glyphs { get; init; } = [];

    /// <summary>Dark spots on the face, away from every expected stroke, large enough to matter.</summary>
    public IReadOnlyList<StrayBlob> StrayBlobs { get; init; } = [];

    /// <summary>The gear ring as read, when the expected mark has one.</summary>
    public Ring.RingReading? Ring { get; init; }

    /// <summary>The identity the gear ring decodes to, if it decodes.</summary>
    public Core.Identity.MicrostampIdentity? DecodedIdentity => Ring?.Decoded.Identity;
}

/// <summary>How much of one glyph's strokes is marked (<see cref="Coverage"/>) and how much mark lies in
/// its box away from them, as a fraction of its stroke area (<see cref="StrayMark"/>).</summary>
public sealed record GlyphScore(GlyphBox Glyph, double Coverage, double StrayMark, bool Passed);

/// <summary>A stray dark spot: its centre in pixels and its area in square millimetres.</summary>
public sealed record StrayBlob(double CentreCol, double CentreRow, double AreaMm2);

/// <summary>A shift in pixels: +X to the right, +Y down the image (row numbers).</summary>
public readonly record struct PixelOffset(int X, int Y);

/// <summary>Coverage of one straight segment: segment <see cref="SegmentIndex"/> runs from point
/// SegmentIndex to point SegmentIndex + 1 of stroke <see cref="StrokeIndex"/> (both zero-based).
/// Parts of a segment within reach of another segment's line are not judged, since a neighbour's mark
/// would cover them even if this segment were never burned; a segment with nothing left to judge passes.</summary>
public sealed record SegmentScore(int StrokeIndex, int SegmentIndex, double Coverage, int SamplesJudged, bool Passed)
{
    public bool IsJudged => SamplesJudged > 0;
}
