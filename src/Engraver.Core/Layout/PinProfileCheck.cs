using System.Globalization;
using Engraver.Core.Glyphs;

namespace Engraver.Core.Layout;

/// <summary>Refuses pin profiles that are nonsense or that would burn strokes into each other.</summary>
internal static class PinProfileCheck
{
    public static void Validate(PinProfile profile, StrokeFont font, double fontClearanceUnits)
    {
        Positive(profile.TipDiameterMm, nameof(PinProfile.TipDiameterMm));
        Positive(profile.CharacterHeightMm, nameof(PinProfile.CharacterHeightMm));
        Positive(profile.LineWidthMm, nameof(PinProfile.LineWidthMm));
        NotNegative(profile.RingBandWidthMm, nameof(PinProfile.RingBandWidthMm));
        NotNegative(profile.LineSpacingMm, nameof(PinProfile.LineSpacingMm));
        NotNegative(profile.MarginMm, nameof(PinProfile.MarginMm));
        NotNegative(profile.EdgeKeepOutMm, nameof(PinProfile.EdgeKeepOutMm));
        if (profile.UsableRadiusMm - profile.MarginMm <= 0)
        {
            throw Refuse($"{nameof(PinProfile.RingBandWidthMm)} {profile.RingBandWidthMm} mm and {nameof(PinProfile.MarginMm)} {profile.MarginMm} mm leave no room for text on a {profile.TipDiameterMm} mm tip");
        }

        // Two line widths keep burned lines visibly apart; closer than that they merge into one blob.
        var required = 2 * profile.LineWidthMm;
        var unit = profile.CharacterHeightMm / font.GridHeight;
        Clear(fontClearanceUnits * unit, required, $"strokes inside a glyph at {nameof(PinProfile.CharacterHeightMm)} {F(profile.CharacterHeightMm)} mm");
        Clear((font.Advance - font.GridWidth) * unit, required, "neighbouring glyphs");
        Clear(profile.LineSpacingMm, required, $"text lines ({nameof(PinProfile.LineSpacingMm)})");
    }

    private static void Clear(double gapMm, double requiredMm, string what)
    {
        if (gapMm < requiredMm)
        {
            throw Refuse($"{what} would be {F(gapMm)} mm apart, less than two line widths ({F(requiredMm)} mm)");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw Refuse($"{name} must be a positive number of millimetres, not {F(value)}");
        }
    }

    private static void NotNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw Refuse($"{name} must be zero or a positive number of millimetres, not {F(value)}");
        }
    }

    private static LayoutException Refuse(string problem) => new($"The pin profile cannot be used: {problem}.");

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
