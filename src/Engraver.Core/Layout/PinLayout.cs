using Engraver.Core.Geometry;
using Engraver.Core.Identity;

namespace Engraver.Core.Layout;

/// <summary>Where the text of one identity goes on the tip face, in pin-local millimetres (origin at
/// the tip centre, +Y up). The annulus between <see cref="RingBandInnerRadiusMm"/> and
/// <see cref="RingBandOuterRadiusMm"/> is left empty for the gear code.</summary>
public sealed record PinLayout(PinProfile Profile, double GridUnitMm, IReadOnlyList<TextLine> Lines)
{
    public double UsableRadiusMm => Profile.UsableRadiusMm;

    public double RingBandInnerRadiusMm => Profile.UsableRadiusMm;

    public double RingBandOuterRadiusMm => Profile.TipDiameterMm / 2;

    public bool Equals(PinLayout? other) =>
        other is not null && Profile == other.Profile && GridUnitMm.Equals(other.GridUnitMm) && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => HashCode.Combine(Profile, GridUnitMm, Lines.Count);
}

/// <summary>One line of text. <see cref="Origin"/> is the left end of its baseline; glyph i starts at
/// Origin + (i x advance x grid unit, 0). Width and height are of the centrelines, without the line width.</summary>
public sealed record TextLine(IdentityField Field, string Text, Point2 Origin, double WidthMm, double HeightMm);
