namespace Engraver.Simulator.Grbl;

/// <summary>"$J=" jogging as GRBL 1.1 defines it: one straight move with the laser off, words limited to
/// G20/G21, G90/G91, G53, X, Y, Z and a required F; the parser's modal state is left unchanged. With
/// soft limits on ($20=1) a target outside the travel ([-$130, 0], [-$131, 0], [-$132, 0] in machine
/// coordinates) is refused with error 15 and nothing moves.</summary>
internal static class JogCommand
{
    private const double MmPerInch = 25.4;

    /// <summary>Returns a GRBL status code (0 when the jog is accepted) and the move to queue.</summary>
    public static int TryPlan(string body, GCodeInterpreter interpreter, GrblSettings settings, out PlannedMotion? motion)
    {
        motion = null;
        var parseError = GCodeWord.TryParseLine(body, out var words);
        if (parseError != 0)
        {
            return parseError;
        }

        bool inches = false, incremental = false, machine = false;
        double? x = null, y = null, z = null, feed = null;
        foreach (var word in words)
        {
            switch (word.Letter)
            {
                case 'G' when word.Value is 20 or 21: inches = word.Value == 20; break;
                case 'G' when word.Value is 90 or 91: incremental = word.Value == 91; break;
                case 'G' when word.Value is 53: machine = true; break;
                case 'X': x = word.Value; break;
                case 'Y': y = word.Value; break;
                case 'Z': z = word.Value; break;
                case 'F': feed = word.Value; break;
                default: return GrblStatus.InvalidJogCommand;
            }
        }

        if (feed is not > 0)
        {
            return GrblStatus.UndefinedFeedRate;
        }

        var scale = inches ? MmPerInch : 1.0;
        var from = interpreter.Position;
        var origin = incremental ? from : machine ? Position3.Zero : interpreter.WorkOffset;
        var to = new Position3(
            x is { } dx ? origin.X + (dx * scale) : from.X,
            y is { } dy ? origin.Y + (dy * scale) : from.Y,
            z is { } dz ? origin.Z + (dz * scale) : from.Z);
        if (settings.SoftLimitsEnabled && !settings.WithinTravel(to))
        {
            return GrblStatus.TravelExceeded;
        }

        motion = new PlannedMotion(from, to, feed.Value * scale, 0, 0, Jog: true);
        return 0;
    }
}
