namespace Engraver.Vision.Verification;

/// <summary>Grades A (4) to F (0), as ISO/IEC 29158 grades direct part marks.</summary>
public enum GradeLetter
{
    F = 0,
    D = 1,
    C = 2,
    B = 3,
    A = 4,
}

/// <summary>The print quality of a mark, graded in the spirit of ISO/IEC 29158 (direct part mark quality):
/// <see cref="Contrast"/> is (metal - mark) / metal grey; <see cref="Modulation"/> is how sharply the mark
/// edges stand out: line width over edge spread (contrast / mean gradient across the edges), about 2 for
/// a mark in focus and about 1.2 for one blurred by 6 µm; <see cref="Fill"/> is marked
/// stroke area over nominal stroke area (1 = lines exactly as wide as planned); <see cref="Damage"/> is
/// the worst glyph's (or, without glyphs, the whole mark's) stroke coverage. The overall grade is the lowest.</summary>
public sealed record MarkGrade(
    GradeLetter Overall,
    GradeLetter ContrastGrade,
    double Contrast,
    GradeLetter ModulationGrade,
    double Modulation,
    GradeLetter FillGrade,
    double Fill,
    GradeLetter DamageGrade,
    double Damage)
{
    public static MarkGrade Failed { get; } = new(GradeLetter.F, GradeLetter.F, 0, GradeLetter.F, 0, GradeLetter.F, 0, GradeLetter.F, 0);

    public static MarkGrade Of(double contrast, double modulation, double fill, double damage)
    {
        var contrastGrade = AtLeast(contrast, 0.30, 0.25, 0.20, 0.15);
        var modulationGrade = AtLeast(modulation, 1.6, 1.45, 1.3, 1.15);
        var fillGrade = Within(fill, (0.80, 1.25), (0.70, 1.40), (0.60, 1.55), (0.50, 1.70));
        var damageGrade = AtLeast(damage, 0.95, 0.90, 0.85, 0.75);
        var overall = (GradeLetter)new[] { contrastGrade, modulationGrade, fillGrade, damageGrade }.Min(g => (int)g);
        return new MarkGrade(overall, contrastGrade, contrast, modulationGrade, modulation, fillGrade, fill, damageGrade, damage);
    }

    private static GradeLetter AtLeast(double value, double a, double b, double c, double d) =>
        value >= a ? GradeLetter.A : value >= b ? GradeLetter.B : value >= c ? GradeLetter.C : value >= d ? GradeLetter.D : GradeLetter.F;

    private static GradeLetter Within(double value, params (double Low, double High)[] bands)
    {
        for (var i = 0; i < bands.Length; i++)
        {
            if (value >= bands[i].Low && value <= bands[i].High)
            {
                return (GradeLetter)(4 - i);
            }
        }

        return GradeLetter.F;
    }
}
