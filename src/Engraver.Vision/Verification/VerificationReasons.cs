using System.Globalization;
using Engraver.Core.Microstamp;

namespace Engraver.Vision.Verification;

/// <summary>Turns scores that miss their tolerance into sentences an operator or auditor can act on.
/// Each sentence starts with a fixed phrase ("glyph ... missing", "stray mark", "grade ...") so reports
/// and tests can tell the kinds apart.</summary>
internal static class VerificationReasons
{
    private const int SegmentsNamed = 8;
    private const double MissingGlyphCoverage = 0.5;

    public static IReadOnlyList<string> Explain(MarkVerifierOptions options, MarkFacts facts)
    {
        var reasons = new List<string>();
        if (!facts.Found)
        {
            reasons.Add(Say($"no mark found: the darkest features differ from the metal by {facts.Contrast:0} grey levels, below the minimum {options.MinimumContrast:0}"));
            return reasons;
        }

        if (facts.Ring is { } ring)
        {
            switch (ring.Decoded)
            {
                case GearDecodeResult.Decoded decoded when facts.ExpectedIdentity is { } wanted && decoded.Value != wanted:
                    reasons.Add(Say($"wrong identity: the gear ring reads '{decoded.Value}', expected '{wanted}'"));
                    break;
                case GearDecodeResult.Undecodable undecodable:
                    reasons.Add(Say($"gear ring undecodable: {undecodable.Reason} ({ring.Unreadable} of {ring.Cells.Count} cells unreadable)"));
                    break;
                case GearDecodeResult.Contradictory contradictory:
                    reasons.Add(Say($"gear ring undecodable: {contradictory.Reason}"));
                    break;
            }
        }

        foreach (var glyph in facts.Glyphs.Where(g => !g.Passed))
        {
            reasons.Add(glyph.Coverage < MissingGlyphCoverage
                ? Say($"glyph {glyph.Glyph} missing: {glyph.Coverage:0%} of its strokes marked")
                : Say($"glyph {glyph.Glyph} damaged: {glyph.Coverage:0%} of its strokes marked (minimum {options.MinGlyphCoverage:0%}), stray mark {glyph.StrayMark:0%} of its stroke area (maximum {options.MaxGlyphStrayMark:0%})"));
        }

        if (facts.StrokeCoverage < options.MinStrokeCoverage)
        {
            reasons.Add(Say($"only {facts.StrokeCoverage:0%} of the expected strokes are marked (minimum {options.MinStrokeCoverage:0%})"));
        }

        if (facts.StrayMark > options.MaxStrayMark)
        {
            reasons.Add(Say($"mark found where no stroke is expected: {facts.StrayMark:0%} of the marked area (maximum {options.MaxStrayMark:0%})"));
        }

        foreach (var blob in facts.Blobs.Take(SegmentsNamed))
        {
            reasons.Add(Say($"stray mark of {blob.AreaMm2 * 1e6:0} µm² at pixel {blob.CentreCol:0},{blob.CentreRow:0}, away from every stroke (debris or smear)"));
        }

        var failing = facts.Segments.Where(s => !s.Passed).ToList();
        foreach (var segment in failing.Take(SegmentsNamed))
        {
            reasons.Add(Say($"stroke {segment.StrokeIndex + 1} segment {segment.SegmentIndex + 1} is {segment.Coverage:0%} marked (minimum {options.MinSegmentCoverage:0%})"));
        }

        if (failing.Count > SegmentsNamed)
        {
            reasons.Add(Say($"and {failing.Count - SegmentsNamed} more segments are under-marked"));
        }

        var grade = facts.Grade;
        if (grade.Overall < options.MinimumGrade)
        {
            reasons.Add(Say($"grade {grade.Overall} below {options.MinimumGrade}: contrast {grade.ContrastGrade} ({grade.Contrast:0%}), modulation {grade.ModulationGrade} ({grade.Modulation:0.00}), fill {grade.FillGrade} ({grade.Fill:0.00}), damage {grade.DamageGrade} ({grade.Damage:0%})"));
        }

        return reasons;
    }

    private static string Say(FormattableString sentence) => sentence.ToString(CultureInfo.InvariantCulture);
}
