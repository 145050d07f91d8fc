using System.Globalization;
using System.Text.RegularExpressions;

namespace Engraver.Hardware.Grbl;

/// <summary>Turns one line received from a GRBL 1.1 controller (without its line ending) into a typed
/// message. Pure, and never throws: anything it does not understand becomes <see cref="GrblUnknown"/>.</summary>
public static partial class GrblResponseParser
{
    public static GrblMessage Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        if (text == "ok")
        {
            return GrblOk.Instance;
        }

        if (text.StartsWith("error:", StringComparison.Ordinal))
        {
            return TryInt(text["error:".Length..], out var code) ? new GrblError(code) : Unknown(line);
        }

        if (text.StartsWith("ALARM:", StringComparison.Ordinal))
        {
            return TryInt(text["ALARM:".Length..], out var code) ? new GrblAlarm(code) : Unknown(line);
        }

        if (text.StartsWith('<') && text.EndsWith('>'))
        {
            return (GrblMessage?)ParseStatus(text[1..^1]) ?? Unknown(line);
        }

        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            return ParseFeedback(text[1..^1]) ?? Unknown(line);
        }

        if (text.StartsWith('$'))
        {
            return (GrblMessage?)ParseSetting(text) ?? Unknown(line);
        }

        if (text.StartsWith("Grbl", StringComparison.Ordinal) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var version, ..])
        {
            return new GrblBanner(text, version);
        }

        return Unknown(line);
    }

    /// <summary>Like <see cref="Parse"/>, but a line that is noise followed by "ok" or "error:N" (noise
    /// that arrived with no line ending of its own, e.g. the printable half of a corrupted byte pair)
    /// yields the reply and the noise separately, so the answer is still counted. Only lines that are
    /// no valid message are cut.</summary>
    public static (GrblMessage Message, string? Noise) ParseRecovering(string line)
    {
        var message = Parse(line);
        if (message is not GrblUnknown)
        {
            return (message, null);
        }

        var match = TrailingReply().Match(line);
        return match.Success && Parse(match.Groups["reply"].Value) is var reply and (GrblOk or GrblError)
            ? (reply, line[..match.Groups["reply"].Index])
            : (message, null);
    }

    [GeneratedRegex(@"(?<reply>ok|error:\d{1,3})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingReply();

    private static GrblUnknown Unknown(string line) => new(line);

    private static GrblMessage? ParseFeedback(string body)
    {
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var kind = body[..colon];
        var value = body[(colon + 1)..];
        switch (kind)
        {
            case "VER":
                var split = value.IndexOf(':', StringComparison.Ordinal);
                return split < 0 ? new GrblVersionInfo(value, string.Empty) : new GrblVersionInfo(value[..split], value[(split + 1)..]);
            case "OPT":
                var parts = value.Split(',');
                int? blocks = parts.Length > 1 && TryInt(parts[1], out var b) ? b : null;
                int? rx = parts.Length > 2 && TryInt(parts[2], out var r) ? r : null;
                return new GrblOptionsInfo(parts[0], blocks, rx);
            default:
                return new GrblFeedback(kind, value);
        }
    }

    private static GrblSetting? ParseSetting(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 1 && TryInt(text[1..equals], out var number) ? new GrblSetting(number, text[(equals + 1)..]) : null;
    }

    private static GrblStatusReport? ParseStatus(string body)
    {
        var fields = body.Split('|');
        var stateText = fields[0].Split(':');
        if (stateText.Length > 2 || !Enum.TryParse<GrblMachineState>(stateText[0], ignoreCase: false, out var state) || !Enum.IsDefined(state))
        {
            return null;
        }

        int? subState = null;
        if (stateText.Length == 2)
        {
            if (!TryInt(stateText[1], out var sub))
            {
                return null;
            }

            subState = sub;
        }

        var report = new GrblStatusReport(state, subState);
        foreach (var field in fields.AsSpan(1))
        {
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            var value = field[(colon + 1)..];
            var next = field[..colon] switch
            {
                "MPos" => Position(value) is { } p ? report with { MachinePosition = p } : null,
                "WPos" => Position(value) is { } p ? report with { WorkPosition = p } : null,
                "WCO" => Position(value) is { } p ? report with { WorkCoordinateOffset = p } : null,
                "FS" => Numbers(value, 2) is [var f, var s] ? report with { FeedRate = f, SpindleSpeed = s } : null,
                "F" => Numbers(value, 1) is [var f] ? report with { FeedRate = f } : null,
                "Bf" => Numbers(value, 2) is [var blocks, var rx] ? report with { BufferState = ((int)blocks, (int)rx) } : null,
                "Ov" => Numbers(value, 3) is [var feed, var rapid, var spindle] ? report with { Overrides = ((int)feed, (int)rapid, (int)spindle) } : null,
                "Pn" => report with { Pins = value },
                "Ln" => TryInt(value, out var n) ? report with { LineNumber = n } : null,
                _ => report, // Fields such as A: (accessories) carry nothing the station uses.
            };
            if (next is null)
            {
                return null;
            }

            report = next;
        }

        return report;
    }

    private static GrblPosition? Position(string value) =>
        Numbers(value, -1) is { Length: >= 3 } n ? new GrblPosition(n[0], n[1], n[2]) : null;

    /// <summary>Comma-separated numbers; <paramref name="count"/> -1 accepts any count.</summary>
    private static double[]? Numbers(string value, int count)
    {
        var parts = value.Split(',');
        if (count >= 0 && parts.Length != count)
        {
            return null;
        }

        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                return null;
            }
        }

        return numbers;
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
