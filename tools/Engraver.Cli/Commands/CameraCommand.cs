using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engraver.Core.Layout;
using Engraver.Hardware.Camera;
using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Engraver.Vision.Setup;
using Microsoft.Extensions.Configuration;
using OpenCvSharp;

namespace Engraver.Cli.Commands;

/// <summary>`engraver camera snapshot --out FILE` and `engraver camera check`: the real camera as the service would
/// open it (the Camera section of the configuration; --device to try another), for setting one up. Exit 0 done
/// (check: nothing to fix), 1 the check found something to fix, 2 no camera or no picture, or the file refused.</summary>
internal static class CameraCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create() => new("camera", "Set up the verification camera: take a picture, check focus, exposure and scale.")
    {
        Snapshot(),
        Check(),
    };

    private static Option<string?> DeviceOption() =>
        new("--device") { Description = "Camera by index (0) or path (/dev/video2, /dev/v4l/by-id/...; an image file stands in); default Camera:Device or Camera:DeviceIndex." };

    private static Command Snapshot()
    {
        var device = DeviceOption();
        var output = new Option<string>("--out") { Description = "Picture file to write (.png).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the --out file if it exists." };
        var command = new Command("snapshot", "Take one picture with the camera and write it as seen (grey).") { device, output, force };
        command.SetAction((result, token) => RunAsync("snapshot", result.GetValue(device), async camera =>
        {
            var path = Path.GetFullPath(result.GetValue(output)!);
            if (File.Exists(path) && !result.GetValue(force))
            {
                throw new IOException($"refusing to write {path}: it exists; give --force to replace it.");
            }

            using var frame = await camera.CaptureAsync(token).ConfigureAwait(false);
            if (!Cv2.ImWrite(path, frame.Image))
            {
                throw new IOException($"could not write {path} (give it a .png name).");
            }

            Console.WriteLine($"camera snapshot: {frame.Image.Cols}x{frame.Image.Rows} from {camera.Settings.Describe()} -> {path}");
            WriteControls(camera);
            return CliExitCodes.Ok;
        }));
        return command;
    }

    private static Command Check()
    {
        var device = DeviceOption();
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("check", "Check the camera: sharpness, exposure, a pin tip in view and the mm per pixel it shows against Camera:MillimetresPerPixel.") { device, json };
        command.SetAction((result, token) => RunAsync("check", result.GetValue(device), async camera =>
        {
            using var frame = await camera.CaptureAsync(token).ConfigureAwait(false);
            var check = CameraCheck.Run(frame.Image, camera.Settings.MillimetresPerPixel, PinProfile.Default.TipDiameterMm);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    device = camera.Settings.Describe(),
                    controls = camera.Controls.Select(c => new { c.Name, c.Asked, c.Reported, c.Taken }),
                    check.Sharpness,
                    check.MeanGrey,
                    check.DarkClipped,
                    check.BrightClipped,
                    tipCentrePx = check.TipCentrePx is { } c ? new[] { c.X, c.Y } : null,
                    check.TipRadiusPx,
                    check.MillimetresPerPixelSeen,
                    check.ConfiguredMillimetresPerPixel,
                    check.Problems,
                    check.Passed,
                }, Json));
            }
            else
            {
                WriteCheck(camera, frame.Image, check);
            }

            return check.Passed ? CliExitCodes.Ok : CliExitCodes.CheckFailed;
        }));
        return command;
    }

    private static async Task<int> RunAsync(string verb, string? device, Func<OpenCvCamera, Task<int>> action)
    {
        try
        {
            using var camera = new OpenCvCamera(Settings(device));
            return await action(camera).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is CameraUnavailableException or IOException or UnauthorizedAccessException or OpenCVException)
        {
            await Console.Error.WriteLineAsync($"camera {verb}: {failure.Message}").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }
    }

    /// <summary>The Camera section as the service reads it, the device replaced by --device when given.</summary>
    private static CameraSettings Settings(string? device)
    {
        var options = EngraverHost.CreateBuilder([]).Configuration.GetSection(CameraOptions.Section).Get<CameraOptions>() ?? new CameraOptions();
        var settings = options.ToSettings();
        return device is null ? settings : settings with { Device = device.Trim(), DeviceKey = "--device" };
    }

    private static void WriteControls(OpenCvCamera camera)
    {
        if (camera.Controls.Count > 0)
        {
            Console.WriteLine("controls: " + string.Join(", ", camera.Controls));
        }
    }

    private static void WriteCheck(OpenCvCamera camera, Mat image, CameraCheckResult check)
    {
        Console.WriteLine($"camera check: {image.Cols}x{image.Rows} from {camera.Settings.Describe()}");
        WriteControls(camera);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sharpness {check.Sharpness:0.000} (at least {CameraCheck.MinimumSharpness:0.00}); exposure: mean grey {check.MeanGrey:0}, {check.DarkClipped:P1} black, {check.BrightClipped:P1} white"));
        Console.WriteLine(check.TipCentrePx is { } centre
            ? string.Create(CultureInfo.InvariantCulture,
                $"tip: centre ({centre.X:0}, {centre.Y:0}) px, radius {check.TipRadiusPx:0} px: {check.MillimetresPerPixelSeen:0.00000} mm per pixel (Camera:MillimetresPerPixel {check.ConfiguredMillimetresPerPixel:0.00000}, {check.ScaleError:+0.0%;-0.0%})")
            : "tip: not found");
        foreach (var problem in check.Problems)
        {
            Console.WriteLine("to fix: " + problem);
        }

        Console.WriteLine(check.Passed ? "camera check: passed" : $"camera check: {check.Problems.Count} to fix");
    }
}
