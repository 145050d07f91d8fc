using System.Globalization;
using Engraver.Service.Station;

namespace Engraver.Service.Api;

/// <summary>The words /health and the status use for a controller link that is down.</summary>
public static class LinkDownText
{
    /// <summary>"link to /dev/ttyUSB0 lost at 14:02:11: the port closed; reconnecting (last try: ...; next in 4 s)".</summary>
    public static string Describe(ControllerLinkDown down, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(down);
        var text = down.LostAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"link to {down.Port} lost at {at.ToUniversalTime():HH:mm:ss}: {down.LostBecause}; reconnecting")
            : $"no link to {down.Port}; reconnecting";
        var details = new List<string>();
        if (down.LastAttemptFailure is { } failure)
        {
            details.Add("last try: " + failure);
        }

        if (down.NextAttemptAt is { } next)
        {
            details.Add(string.Create(CultureInfo.InvariantCulture, $"next in {Math.Max(0, Math.Ceiling((next - now).TotalSeconds)):0} s"));
        }

        return details.Count == 0 ? text : $"{text} ({string.Join("; ", details)})";
    }
}
