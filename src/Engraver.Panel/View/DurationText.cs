using System.Globalization;

namespace Engraver.Panel.View;

/// <summary>Short durations the way an operator reads them at a glance: 45s, 1m20s, 2h05m.</summary>
public static class DurationText
{
    public static string Format(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < 0)
        {
            return "--";
        }

        // Whole seconds, the fraction dropped: an estimate gains nothing from tenths.
        var total = (long)Math.Floor(seconds);
        var hours = total / 3600;
        var minutes = total % 3600 / 60;
        var secs = total % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}h{minutes:00}m")
            : minutes > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{minutes}m{secs:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{secs}s");
    }
}
