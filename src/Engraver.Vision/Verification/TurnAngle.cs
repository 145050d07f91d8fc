using System.Globalization;

namespace Engraver.Vision.Verification;

/// <summary>How far a mark is turned, as a person reads it: from 0 up to, not including, 360 degrees at the
/// precision printed, so a mark not turned at all reads "turned 0.0 deg", never "360.0" or "-0.0".</summary>
public static class TurnAngle
{
    /// <summary>The angle in [0, 360).</summary>
    public static double Normalised(double degrees)
    {
        var turned = degrees % 360.0;
        return turned < 0 ? turned + 360.0 : turned;
    }

    /// <summary>"turned 12.5 deg": the angle normalised and rounded to a tenth, 359.96 reading as 0.0.</summary>
    public static string Say(double degrees)
    {
        var tenths = Math.Round(Normalised(degrees) * 10, MidpointRounding.AwayFromZero) % 3600;
        return string.Create(CultureInfo.InvariantCulture, $"turned {tenths / 10:0.0} deg");
    }
}
