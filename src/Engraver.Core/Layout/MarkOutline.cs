using Engraver.Core.Geometry;

namespace Engraver.Core.Layout;

/// <summary>The outline a framing trace follows on a pin tip: the square around the marking's bounding circle,
/// whose radius is the gear ring's outermost stroke (the tip's radius less the edge keep-out). Every stroke of any
/// serial's marking lies inside it, so the operator sees where the mark will go before a tray's first pin.
/// Pin-local millimetres, corners counter-clockwise from the lower left.</summary>
public static class MarkOutline
{
    public static double RadiusMm(PinProfile pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return (pin.TipDiameterMm / 2) - pin.EdgeKeepOutMm;
    }

    public static IReadOnlyList<Point2> Corners(PinProfile pin)
    {
        var r = RadiusMm(pin);
        return [new(-r, -r), new(r, -r), new(r, r), new(-r, r)];
    }
}
