using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using OpenCvSharp;

namespace Engraver.Cli.Commands;

/// <summary>`engraver preview`: the marking of one identity as the laser will draw it, text and gear ring,
/// travel in a faint colour, as SVG (vector) or PNG (raster, 0.001 mm per pixel).</summary>
internal static class PreviewCommand
{
    private const double MmPerPixel = 0.001;

    public static Command Create()
    {
        var make = new Option<string>("--make") { Description = "Make, e.g. ACME.", Required = true };
        var model = new Option<string>("--model") { Description = "Model, e.g. M17.", Required = true };
        var serial = new Option<string>("--serial") { Description = "Serial number.", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Pin profile: 'default' or a JSON file with PinProfile fields (e.g. {\"tipDiameterMm\": 1.6})." };
        var output = new Option<string>("--out") { Description = "Output file, .svg or .png.", Required = true };
        var command = new Command("preview", "Draw the marking of one identity as the laser will burn it.") { make, model, serial, profile, output };
        command.SetAction(result => Run(result.GetValue(make), result.GetValue(model), result.GetValue(serial), result.GetValue(profile), result.GetValue(output)!));
        return command;
    }

    private static int Run(string? make, string? model, string? serial, string? profileName, string output)
    {
        try
        {
            var extension = Path.GetExtension(output).ToUpperInvariant();
            if (extension is not (".SVG" or ".PNG"))
            {
                throw new ArgumentException($"--out must name a .svg or .png file, not '{output}'.");
            }

            var identity = new IdentityValidator().Validate(make, model, serial);
            var profile = LoadProfile(profileName);
            var toolpath = new ToolpathGenerator().Generate(identity, profile);
            if (extension == ".SVG")
            {
                File.WriteAllText(output, ToolpathSvg.Render(toolpath, profile, identity.ToString()), new UTF8Encoding(false));
            }
            else
            {
                WritePng(toolpath, profile, output);
            }

            Console.WriteLine($"preview: {identity} -> {output} ({toolpath.Strokes.Count} strokes, burn {toolpath.BurnLengthMm:F3} mm, travel {toolpath.TravelLengthMm:F3} mm)");
            return 0;
        }
        catch (Exception failure) when (failure is InvalidIdentityException or LayoutException or ArgumentException or IOException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"preview: {failure.Message}");
            return CliExitCodes.CouldNotRun;
        }
    }

    private static PinProfile LoadProfile(string? name)
    {
        if (name is null || name.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return PinProfile.Default;
        }

        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        try
        {
            return JsonSerializer.Deserialize<PinProfile>(File.ReadAllText(name), options)
                ?? throw new JsonException($"The pin profile file '{name}' holds null.");
        }
        catch (JsonException bad)
        {
            throw new JsonException($"The pin profile file '{name}' cannot be read: {bad.Message}", bad);
        }
    }

    private static void WritePng(Toolpath toolpath, PinProfile profile, string output)
    {
        var tip = profile.TipDiameterMm / 2;
        var size = (int)Math.Ceiling(2 * tip * 1.06 / MmPerPixel);
        using var image = new Mat(size, size, MatType.CV_8UC3, new Scalar(154, 154, 154));
        Point Px(Engraver.Core.Geometry.Point2 p) =>
            new((int)Math.Round((size / 2.0) + (p.X / MmPerPixel)), (int)Math.Round((size / 2.0) - (p.Y / MmPerPixel)));

        var centre = Px(new(0, 0));
        Cv2.Circle(image, centre, (int)Math.Round(tip / MmPerPixel), new Scalar(230, 230, 230), -1, LineTypes.AntiAlias);
        Cv2.Circle(image, centre, (int)Math.Round(tip / MmPerPixel), new Scalar(85, 85, 85), 6, LineTypes.AntiAlias);
        var ring = Engraver.Core.Microstamp.GearRing.For(profile);
        foreach (var radius in new[] { profile.UsableRadiusMm - profile.MarginMm, ring.InnerRadiusMm - (profile.LineWidthMm / 2), ring.OuterRadiusMm + (profile.LineWidthMm / 2) })
        {
            Cv2.Circle(image, centre, (int)Math.Round(radius / MmPerPixel), new Scalar(127, 176, 127), 1, LineTypes.AntiAlias);
        }

        var at = ToolpathGenerator.StartPoint;
        foreach (var stroke in toolpath.Strokes)
        {
            Cv2.Line(image, Px(at), Px(stroke.Start), new Scalar(217, 143, 59), 1, LineTypes.AntiAlias);
            at = stroke.End;
        }

        // OpenCV draws thick lines with round ends, as the laser spot burns them.
        var width = Math.Max(1, (int)Math.Round(profile.LineWidthMm / MmPerPixel));
        foreach (var stroke in toolpath.Strokes)
        {
            for (var i = 1; i < stroke.Points.Count; i++)
            {
                Cv2.Line(image, Px(stroke.Points[i - 1]), Px(stroke.Points[i]), new Scalar(26, 26, 26), width, LineTypes.AntiAlias);
            }
        }

        if (!Cv2.ImWrite(output, image))
        {
            throw new IOException($"Could not write the PNG file '{output}'.");
        }
    }
}
