using System.Globalization;
using System.Text.RegularExpressions;
using Engraver.Core.Firmware;
using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.GCode;

/// <summary>Writes a toolpath as G-code for a laser controller in laser mode:
/// <code>
/// G21 G90               millimetres, absolute
/// G0 X.. Y..            travel to the first stroke (laser off)
/// M4 S800               laser on through the profile (M3 for a constant-power recipe), power scaled by the profile
/// G1 X.. Y.. F600.0     cut moves; F on the first one only
/// G1 X.. Y.. S0         lead-out: on along the last cut's direction, laser at zero
/// G0 X.. Y..            travel: laser off in laser mode
/// G1 X.. Y.. S800       the next stroke's first cut sets the power again
/// ...                   repeated for each pass
/// M5                    laser off
/// </code>
/// Why the lead-out: in dynamic power (M4) GRBL sets the laser of each short piece of motion it prepares
/// from the speed at that piece's end, so the last piece of a move that ends at a stop is burned at zero
/// power: on GRBL 1.1h a stroke's short closing segment came out unmarked. A collinear move at S0 after
/// the stroke lets the cut end at speed (the planner slows down within the lead-out instead), as laser
/// programs' overscan does.
/// Only numbers computed here reach the output (coordinates with 4 decimals, S as a whole number,
/// F with 1 decimal), always in invariant culture, so the same input gives byte-identical lines.
/// No end-of-job sync dwell: the controller client adds its own.</summary>
public static partial class GCodeEmitter
{
    public const int CoordinateDecimals = 4;

    public const int MaxPasses = 100;

    /// <summary>Length of the zero-power lead-out after each stroke: room to stop from the feed at the
    /// accelerations of small laser stations (sqrt(2 a L) is 7 mm/s at 500 mm/s^2).</summary>
    public const double LeadOutMm = 0.05;

    public static GCodeProgram Emit(Toolpath toolpath, Recipe recipe, FirmwareProfile firmware)
    {
        ArgumentNullException.ThrowIfNull(toolpath);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(firmware);
        Check(toolpath, recipe, firmware);

        var power = $" S{firmware.Laser.ScalePower(recipe.PowerFraction).ToString(CultureInfo.InvariantCulture)}";
        var lines = new List<string> { "G21 G90", Move("G0", toolpath.Strokes[0].Start) };
        var position = lines[^1][3..];
        lines.Add(OnCommand(recipe, firmware) + power);
        var feed = $" F{recipe.FeedMmPerMin.ToString("0.0", CultureInfo.InvariantCulture)}";
        var leadOutDone = false;
        for (var pass = 0; pass < recipe.Passes; pass++)
        {
            foreach (var stroke in toolpath.Strokes)
            {
                var start = Xy(stroke.Start);
                if (start != position)
                {
                    lines.Add($"G0 {start}");
                }

                for (var i = 1; i < stroke.Points.Count; i++)
                {
                    position = Xy(stroke.Points[i]);
                    lines.Add($"G1 {position}{feed}{(i == 1 && leadOutDone ? power : string.Empty)}");
                    feed = string.Empty;
                }

                if (LeadOut(stroke) is { } leadOut)
                {
                    position = Xy(leadOut);
                    lines.Add($"G1 {position} S0");
                    leadOutDone = true;
                }
            }
        }

        lines.Add(firmware.Laser.OffCommand);
        return new GCodeProgram(lines);
    }

    /// <summary>The profile's word for the recipe's laser mode: dynamic power (M4) or constant power (M3).</summary>
    private static string OnCommand(Recipe recipe, FirmwareProfile firmware) =>
        recipe.LaserMode == LaserMode.Constant ? firmware.Laser.ConstantOnCommand : firmware.Laser.OnCommand;

    /// <summary>The point <see cref="LeadOutMm"/> beyond the stroke's end, along its last segment.</summary>
    private static Point2? LeadOut(Stroke stroke)
    {
        var end = stroke.Points[^1];
        var before = stroke.Points[^2];
        var length = end.DistanceTo(before);
        return length > 0 ? end + ((end - before) * (LeadOutMm / length)) : null;
    }

    private static string Move(string word, Point2 point) => $"{word} {Xy(point)}";

    private static string Xy(Point2 point) => $"X{Number(point.X)} Y{Number(point.Y)}";

    // Adding 0.0 turns -0 into +0 so a coordinate that rounds to zero never prints as "-0.0000".
    private static string Number(double value) =>
        (Math.Round(value, CoordinateDecimals, MidpointRounding.ToEven) + 0.0).ToString("F4", CultureInfo.InvariantCulture);

    private static void Check(Toolpath toolpath, Recipe recipe, FirmwareProfile firmware)
    {
        if (toolpath.Strokes.Count == 0)
        {
            throw new ArgumentException("The toolpath has no strokes; there is nothing to engrave.", nameof(toolpath));
        }

        if (toolpath.Strokes.SelectMany(s => s.Points).Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
        {
            throw new ArgumentException("The toolpath holds a coordinate that is not a finite number.", nameof(toolpath));
        }

        if (!double.IsFinite(recipe.PowerFraction) || recipe.PowerFraction <= 0 || recipe.PowerFraction > 1)
        {
            throw new ArgumentException($"Recipe '{recipe.Name}': PowerFraction must be above 0 and at most 1, not {recipe.PowerFraction.ToString(CultureInfo.InvariantCulture)}.", nameof(recipe));
        }

        if (!double.IsFinite(recipe.FeedMmPerMin) || recipe.FeedMmPerMin < 0.1)
        {
            throw new ArgumentException($"Recipe '{recipe.Name}': FeedMmPerMin must be at least 0.1, not {recipe.FeedMmPerMin.ToString(CultureInfo.InvariantCulture)}.", nameof(recipe));
        }

        if (recipe.Passes is < 1 or > MaxPasses)
        {
            throw new ArgumentException($"Recipe '{recipe.Name}': Passes must be from 1 to {MaxPasses}, not {recipe.Passes}.", nameof(recipe));
        }

        // The profile's laser words are copied into the program, so they must be plain M or G words.
        foreach (var (key, word) in new[] { ("laser.onCommand", firmware.Laser.OnCommand), ("laser.constantCommand", firmware.Laser.ConstantOnCommand), ("laser.offCommand", firmware.Laser.OffCommand) })
        {
            if (!LaserWord().IsMatch(word))
            {
                throw new ArgumentException($"Firmware profile '{firmware.Name}': {key} must be a single M or G word such as M4, not '{word}'.", nameof(firmware));
            }
        }
    }

    [GeneratedRegex("^[MG][0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LaserWord();
}
