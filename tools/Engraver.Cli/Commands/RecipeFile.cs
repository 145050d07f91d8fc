using System.Text.Json;
using Engraver.Core.Firmware;

namespace Engraver.Cli.Commands;

/// <summary>Writes a recipe file (one JSON object, camelCase): name, material, laser mode ("dynamic" for M4,
/// "constant" for M3), power fraction, feed, passes and focus offset. No "overrides": the recipe allows none
/// until somebody writes down which. An existing file is never replaced.</summary>
internal static class RecipeFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public sealed record Contents(string Name, string Material, string LaserMode, double PowerFraction, double FeedMmPerMin, int Passes, double FocusOffsetMm);

    public static Contents For(string name, string material, LaserCommands laser, double powerFraction, double feedMmPerMin) =>
        new(name, material, LaserModeOf(laser), powerFraction, feedMmPerMin, 1, 0.0);

    /// <summary>The controller's laser-on word as the recipe names it.</summary>
    public static string LaserModeOf(LaserCommands laser)
    {
        ArgumentNullException.ThrowIfNull(laser);
        return laser.OnCommand == "M3" ? "constant" : "dynamic";
    }

    /// <summary>Creates <paramref name="path"/>; throws <see cref="IOException"/> when it exists.</summary>
    public static void Write(string path, Contents contents)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        JsonSerializer.Serialize(file, contents, Json);
        file.WriteByte((byte)'\n');
    }
}
