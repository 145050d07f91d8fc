namespace Engraver.Vision.Verification;

/// <summary>Tolerances of the mark check. Defaults suit a 0.012 mm line seen at 0.002 mm per pixel.</summary>
public sealed record MarkVerifierOptions
{
    public const string SectionName = "Vision:MarkVerifier";

    /// <summary>Nominal width of a burned line; the expected strokes are drawn this wide.</summary>
    public double LineWidthMm { get; init; } = 0.012;

    /// <summary>How far a mark may sit from where it is expected and still count.</summary>
    public double ToleranceMm { get; init; } = 0.004;

    /// <summary>Largest distance between the tip centre found (or, with no tip edge in view, the optical axis) and the centre the marking fits best.</summary>
    public double MaxMisregistrationMm { get; init; } = 0.02;

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

    /// <summary>Fraction of each glyph's strokes that must be marked.</summary>
    public double MinGlyphCoverage { get; init; } = 0.85;

    /// <summary>Largest stray mark inside a glyph's box, as a fraction of that glyph's stroke area.</summary>
    public double MaxGlyphStrayMark { get; init; } = 0.12;

    /// <summary>A dark spot away from every stroke at least this large (mm²) fails the pin: debris or a smear.</summary>
    public double MinStrayBlobAreaMm2 { get; init; } = 0.00012;

    /// <summary>Farthest the tip centre may sit from the optical axis and still be believed when found.</summary>
    public double MaxPlacementMm { get; init; } = 0.25;

    /// <summary>How far the pin may be turned either way, in degrees; 180 searches every angle.</summary>
    public double MaxRotationDeg { get; init; } = 180;

    /// <summary>Tip diameter to look for when the pin profile is not given.</summary>
    public double TipDiameterMm { get; init; } = 1.6;

    /// <summary>Lowest overall print-quality grade that passes.</summary>
    public GradeLetter MinimumGrade { get; init; } = GradeLetter.C;

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
        RequireFraction(MinGlyphCoverage, nameof(MinGlyphCoverage));
        RequireNonNegative(MaxGlyphStrayMark, nameof(MaxGlyphStrayMark));
        RequireNonNegative(MinStrayBlobAreaMm2, nameof(MinStrayBlobAreaMm2));
        RequireNonNegative(MaxPlacementMm, nameof(MaxPlacementMm));
        RequirePositive(TipDiameterMm, nameof(TipDiameterMm));
        if (!double.IsFinite(MaxRotationDeg) || MaxRotationDeg is < 0 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRotationDeg), MaxRotationDeg, $"{nameof(MaxRotationDeg)} must be from 0 to 180 degrees.");
        }
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
