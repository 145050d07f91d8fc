using System.Globalization;

namespace Engraver.Core.Machine;

/// <summary>Where one axis may go, in machine coordinates. GRBL homes into negative space: after homing an
/// axis works in [-max travel, 0], whichever side its switch is on ($23 moves only where homing ends, not
/// the travel), and <see cref="Setting"/> ($130, $131, $132) is the max travel it was read from.</summary>
public sealed record AxisTravel(char Axis, int Setting, double MaxTravelMm)
{
    public double Min => -MaxTravelMm;

    public double Max => 0;

    /// <summary>GRBL's own test (system_check_travel_limits): a target above 0 or below -max travel is out.</summary>
    public bool Contains(double position) => !(position > Max || position < Min);

    /// <summary>"X -200..0 ($130=200)": the range and the controller setting it comes from.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Axis} {Min:0.###}..{Max:0.###} (${Setting}={MaxTravelMm:0.###})");

    /// <summary>"X -201.5 is outside the travel X -200..0 ($130=200)", or null when the position is inside.</summary>
    public string? Refuse(double position) => Contains(position)
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"{Axis} {position:0.###} is outside the travel {Describe()}");
}
