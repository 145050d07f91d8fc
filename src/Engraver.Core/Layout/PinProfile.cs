namespace Engraver.Core.Layout;

/// <summary>Geometry of one kind of firing-pin tip and of the characters engraved on it, in millimetres.
/// The outer <see cref="RingBandWidthMm"/> of the tip face is kept free for the radial gear code;
/// the text lives in the usable disc inside it, at least <see cref="MarginMm"/> from its edge.</summary>
public sealed record PinProfile
{
    public static PinProfile Default { get; } = new();

    public double TipDiameterMm { get; init; } = 1.6;

    /// <summary>Width of the band at the perimeter reserved for the gear code ring.</summary>
    public double RingBandWidthMm { get; init; } = 0.25;

    /// <summary>Cap height of the characters; the font's grid height maps to this.</summary>
    public double CharacterHeightMm { get; init; } = 0.12;

    /// <summary>Width of one burned line (the focused beam); text stays this much wider than its centrelines.</summary>
    public double LineWidthMm { get; init; } = 0.012;

    /// <summary>Gap between the bottom of one text line and the top of the next.</summary>
    public double LineSpacingMm { get; init; } = 0.04;

    /// <summary>Clear space between the text and the usable disc's edge.</summary>
    public double MarginMm { get; init; } = 0.02;

    /// <summary>Clear space between the gear ring's outermost stroke and the tip's edge, where the edge
    /// chamfer begins and a camera sees the rim as a dark circle.</summary>
    public double EdgeKeepOutMm { get; init; } = 0.09;

    /// <summary>Radius of the disc inside the ring band.</summary>
    public double UsableRadiusMm => (TipDiameterMm / 2) - RingBandWidthMm;
}
