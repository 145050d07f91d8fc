using System.Globalization;

namespace Engraver.Vision.Verification;

/// <summary>Turns scores that miss their tolerance into sentences an operator or auditor can act on.</summary>
internal static class VerificationReasons
{
    private const int SegmentsNamed = 8;

    public static IReadOnlyList<string> Explain(
        MarkVerifierOptions options, SegmentedMark mark, AlignmentScore alignment, IReadOnlyList<SegmentScore> segments)
    {
        var reasons = new List<string>();
        if (!mark.Found)
        {
            reasons.Add(Say($"no mark found: the darkest features differ from the metal by {mark.Contrast:0} grey levels, below the minimum {options.MinimumContrast:0}"));
            return reasons;
        }

        if (alignment.StrokeCoverage < options.MinStrokeCoverage)
        {
            reasons.Add(Say($"only {alignment.StrokeCoverage:0%} of the expected strokes are marked (minimum {options.MinStrokeCoverage:0%})"));
        }

        if (alignment.StrayMark > options.MaxStrayMark)
        {
            reasons.Add(Say($"mark found where no stroke is expected: {alignment.StrayMark:0%} of the marked area (maximum {options.MaxStrayMark:0%})"));
        }

        var failing = segments.Where(s => !s.Passed).ToList();
        foreach (var segment in failing.Take(SegmentsNamed))
        {
            reasons.Add(Say($"stroke {segment.StrokeIndex + 1} segment {segment.SegmentIndex + 1} is {segment.Coverage:0%} marked (minimum {options.MinSegmentCoverage:0%})"));
        }

        if (failing.Count > SegmentsNamed)
        {
            reasons.Add(Say($"and {failing.Count - SegmentsNamed} more segments are under-marked"));
        }

        return reasons;
    }

    private static string Say(FormattableString sentence) => sentence.ToString(CultureInfo.InvariantCulture);
}
