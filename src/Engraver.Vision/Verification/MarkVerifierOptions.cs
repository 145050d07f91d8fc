namespace Engraver.Vision.Verification;

/// <summary>Tolerances of the mark check. Defaults suit a 0.012 mm line seen at 0.002 mm per pixel.</summary>
public sealed record MarkVerifierOptions
{
    public const string SectionName = "Vision:MarkVerifier";

    /// <summary>Nominal width of a burned line; the expected strokes are drawn this wide.</summary>
    public double LineWidthMm { get; init; } = 0.012;

    /// <summary>How far a mark may sit from where it is expected and still count.</summary>
    public double ToleranceMm { get; init; } = 0.004;

    /// <summary>Largest misregistration of the whole mark (pin not exactly on the optical axis) searched for.</summary>
    public double MaxMisregistrationMm { get; init; } = 0.01;

    /// <summary>Border around the expected marking inside which any mark must be accounted for.</summary>
    public double InspectionMarginMm { get; init; } = 0.05;

    /// <summary>Smoothing before thresholding, in pixels, so sensor noise does not split lines.</summary>
    public double PreBlurSigmaPx { get; init; } = 1.0;

    /// <summary>Grey levels between mark and metal below which the image is taken to show no mark at all.</summary>
    public double MinimumContrast { get; init; } = 25;

    /// <summary>Fraction of the expected stroke area that must be marked.</summary>
    public double MinStrokeCoverage { get; init; } = 0.9;

    /// <summary>Largest fraction of the marked area allowed away from every expected stroke.</summary>
    public double MaxStrayMark { get; init; } = 0.05;

    /// <summary>Fraction of each straight segment that must be marked: one missing line fails the pin.</summary>
    public double MinSegmentCoverage { get; init; } = 0.6;

    public static MarkVerifierOptions Default { get; } = new();

    /// <summary>Throws when a tolerance cannot be used, naming it.</summary>
    public void Validate()
    {
        RequirePositive(LineWidthMm, nameof(LineWidthMm));
        RequireNonNegative(ToleranceMm, nameof(ToleranceMm));
        RequireNonNegative(MaxMisregistrationMm, nameof(MaxMisregistrationMm));
        RequireNonNegative(InspectionMarginMm, nameof(InspectionMarginMm));
        RequireNonNegative(PreBlurSigmaPx, nameof(PreBlurSigmaPx));
        RequireNonNegative(MinimumContrast, nameof(MinimumContrast));
        RequireFraction(MinStrokeCoverage, nameof(MinStrokeCoverage));
        RequireFraction(MaxStrayMark, nameof(MaxStrayMark));
        RequireFraction(MinSegmentCoverage, nameof(MinSegmentCoverage));
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number above zero.");
        }
    }

    private static void RequireNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, zero or above.");
        }
    }

    private static void RequireFraction(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a fraction between 0 and 1.");
        }
    }
}
