using System.Globalization;
using Engraver.Core.Geometry;
using Engraver.Core.Glyphs;
using Engraver.Core.Identity;

namespace Engraver.Core.Layout;

/// <summary>Places make, model and serial as three centred lines (top to bottom) inside the usable
/// disc; a serial too long for its line is split over two lines (four in all). Refuses what would not
/// fit or not be legible.</summary>
public sealed class LayoutEngine
{
    private readonly StrokeFont _font;
    private readonly double _fontClearanceUnits;

    public LayoutEngine()
        : this(StrokeFont.Microstamp)
    {
    }

    public LayoutEngine(StrokeFont font)
    {
        ArgumentNullException.ThrowIfNull(font);
        _font = font;
        _fontClearanceUnits = GlyphClearance.Minimum(font);
    }

    public StrokeFont Font => _font;

    /// <exception cref="LayoutException">The profile is not usable, or a line is wider than the chord available to it.</exception>
    public PinLayout Layout(MicrostampIdentity identity, PinProfile profile)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(profile);
        PinProfileCheck.Validate(profile, _font, _fontClearanceUnits);

        (IdentityField Field, string Text)[] threeLines =
            [(IdentityField.Make, identity.Make), (IdentityField.Model, identity.Model), (IdentityField.Serial, identity.Serial)];
        var (lines, misfits, problems) = Place(threeLines, profile);
        if (misfits.Count > 0 && identity.Serial.Length > 1)
        {
            // A serial too long for one line goes on two, the first half on the upper one.
            var half = (identity.Serial.Length + 1) / 2;
            (IdentityField Field, string Text)[] fourLines =
                [threeLines[0], threeLines[1], (IdentityField.Serial, identity.Serial[..half]), (IdentityField.Serial, identity.Serial[half..])];
            var split = Place(fourLines, profile);
            if (split.Misfits.Count == 0)
            {
                return new PinLayout(profile, profile.CharacterHeightMm / _font.GridHeight, split.Lines);
            }

            problems.Add($"with the serial split over two lines: {string.Join("; ", split.Problems)}");
        }

        if (misfits.Count > 0)
        {
            var radius = string.Create(CultureInfo.InvariantCulture, $"{profile.UsableRadiusMm - profile.MarginMm:F4}");
            throw new LayoutException(
                $"The identity does not fit inside the usable disc (text radius {radius} mm): {string.Join("; ", problems)}.",
                misfits);
        }

        return new PinLayout(profile, profile.CharacterHeightMm / _font.GridHeight, lines);
    }

    /// <summary>Centres the lines as one block, top to bottom, and measures each against its chord.</summary>
    private (List<TextLine> Lines, List<LineMisfit> Misfits, List<string> Problems) Place(
        IReadOnlyList<(IdentityField Field, string Text)> texts, PinProfile profile)
    {
        var unit = profile.CharacterHeightMm / _font.GridHeight;
        var height = profile.CharacterHeightMm;
        var blockHeight = (texts.Count * height) + ((texts.Count - 1) * profile.LineSpacingMm);
        var textRadius = profile.UsableRadiusMm - profile.MarginMm;
        var halfLine = profile.LineWidthMm / 2;
        var lines = new List<TextLine>(texts.Count);
        var misfits = new List<LineMisfit>();
        var problems = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            var (field, text) = texts[i];
            var baseline = (blockHeight / 2) - height - (i * (height + profile.LineSpacingMm));
            var width = _font.LineWidth(text.Length) * unit;
            var outerY = Math.Max(Math.Abs(baseline - halfLine), Math.Abs(baseline + height + halfLine));
            var needed = width + profile.LineWidthMm;
            var available = outerY < textRadius ? 2 * Math.Sqrt((textRadius * textRadius) - (outerY * outerY)) : 0;
            if (needed > available)
            {
                misfits.Add(new LineMisfit(field, text, needed, available));
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the {field} line '{text}' needs {needed:F4} mm but the chord available at y = {(baseline < 0 ? -outerY : outerY):F4} mm is {available:F4} mm ({needed - available:F4} mm too wide)"));
            }

            lines.Add(new TextLine(field, text, new Point2(-width / 2, baseline), width, height));
        }

        return (lines, misfits, problems);
    }
}
