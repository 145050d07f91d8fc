using System.CommandLine;
using System.Globalization;
using Engraver.Core.Calibration;
using Engraver.Core.Input;
using Engraver.Core.Layout;
using Engraver.Core.Station;
using Engraver.Service.Calibration;
using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Leases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Cli.Commands;

/// <summary>`engraver calibrate --user U`: measures the camera's offset from the laser, its scale and rotation, and
/// the focus height, on the station itself, and writes them to the calibration file the service runs under.
/// It hosts the station in this process as the material test does (<see cref="HostedStation"/>: the same
/// devices, state machine and interlocks as the service): the station's lease keeps it off a station a running
/// service holds (stop the service first), and a calibration is a supervisor's job at the machine, not something to
/// start remotely mid-shift.</summary>
internal static class CalibrateCommand
{
    private const string Verb = "calibrate";

    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "Who calibrates (named in the calibration file and the command log).", Required = true }
            .Checked(TextField.User("--user"));
        var data = new Option<string?>("--data") { Description = "The station's data folder (default: Station:DataFolder, as the service finds it)." };
        var command = new Command(Verb,
            "Burn a fiducial on the calibration coupon (Camera:CalibrationSlot), photograph it, and measure the camera's offset, scale, rotation and focus Z into Camera:CalibrationFile. Stop the service first.")
        { user, data };
        command.SetAction((result, token) => RunAsync(result.GetValue(user)!, result.GetValue(data), token));
        return command;
    }

    private static async Task<int> RunAsync(string who, string? dataFolder, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(who))
        {
            await Console.Error.WriteLineAsync($"{Verb}: --user must name who calibrates.").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }

        var overrides = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" };
        if (dataFolder is not null)
        {
            overrides["Station:DataFolder"] = Path.GetFullPath(dataFolder);
        }

        using var host = EngraverHost.CreateBuilder([], overrides).Build();
        var services = host.Services;
        try
        {
            ConfigurationErrors.ThrowIfInvalid(services.GetRequiredService<IConfiguration>(), services);
            return await CalibrateAsync(services, who, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception refused) when (refused is ConfigurationInvalidException or StationConfigurationException or OptionsValidationException)
        {
            foreach (var line in ConfigurationErrors.Lines(refused).DefaultIfEmpty(refused.Message))
            {
                await Console.Error.WriteLineAsync($"{Verb}: {ConfigurationErrors.LinePrefix}{line}").ConfigureAwait(false);
            }

            return CliExitCodes.CouldNotRun;
        }
        catch (StationLeaseHeldException held)
        {
            await Console.Error.WriteLineAsync($"{Verb}: the station is running ({held.Message}): stop the service, then calibrate. Nothing moved.").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{Verb}: could not run: {failure.Message}").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }
    }

    private static async Task<int> CalibrateAsync(IServiceProvider services, string who, CancellationToken cancellationToken)
    {
        var rigs = services.GetRequiredService<StationRigFactory>();
        var file = services.GetRequiredService<CameraCalibrationFile>();
        var camera = services.GetRequiredService<IOptions<CameraOptions>>().Value;
        // The fiducial is burned with the station's default recipe, as the folder holds it.
        var recipe = services.GetRequiredService<Engraver.Service.Recipes.StationRecipes>().Book.Find(Engraver.Service.Recipes.RecipeFolder.DefaultRecipeName)?.Recipe
            ?? Engraver.Core.Toolpaths.Recipe.Default;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Engraver.Calibration");
        var prior = rigs.Geometry;
        Console.WriteLine($"Calibrating from {prior.Describe()}");

        // The station hosted in this process as for the material test: lease, devices, controller, loop, homed.
        await using var station = await HostedStation.OpenAsync(rigs, services.GetRequiredService<StationIoFactory>(), logger, cancellationToken).ConfigureAwait(false);
        var rig = station.Rig;
        await station.StartAsync(cancellationToken).ConfigureAwait(false);
        var calibrator = new CameraCalibrator(rig, station.Loop, rigs.Tray, prior, recipe, logger) { LineWidthMm = PinProfile.Default.LineWidthMm };
        CalibrationMeasurement measured;
        try
        {
            measured = await calibrator.MeasureAsync(camera.CalibrationSlot, camera.CalibrationFocusRangeMm, camera.CalibrationMaxResidualMm, cancellationToken).ConfigureAwait(false);
        }
        catch (CalibrationRefusedException refused)
        {
            if (refused.Measured is { } partial)
            {
                Print(partial);
            }

            await Console.Error.WriteLineAsync($"{Verb}: refused: {refused.Message}. Nothing was written; {file.Path} is unchanged.").ConfigureAwait(false);
            await CommandLog.AppendAsync(rig.Records, who, Verb, Arguments(camera, partial: refused.Measured), "Refused: " + refused.Message, CancellationToken.None).ConfigureAwait(false);
            return CliExitCodes.CheckFailed;
        }

        Print(measured);
        var fit = measured.Fit;
        var calibration = new CameraCalibration(
            fit.OffsetMm.X, fit.OffsetMm.Y, fit.MillimetresPerPixel, fit.RotationDeg, measured.FocusZMm,
            fit.RmsResidualMm, fit.MaxResidualMm, measured.DotsFound, DateTimeOffset.UtcNow, who).Rounded();
        CameraCalibrationFile.Write(file.Path, calibration);
        await CommandLog.AppendAsync(rig.Records, who, Verb, Arguments(camera, measured, calibration), null, CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine($"calibration {calibration.Id} written to {file.Path}; the service runs under it from its next start");
        return CliExitCodes.Ok;
    }

    private static void Print(CalibrationMeasurement m)
    {
        var f = m.Fit;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"offset X {f.OffsetMm.X:0.0000} Y {f.OffsetMm.Y:0.0000} mm, {f.MillimetresPerPixel:0.0000000} mm/px, rotation {f.RotationDeg:0.000} deg, focus Z {m.FocusZMm:0.000} mm"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"residuals over {m.DotsFound} of {m.DotsBurned} dots: RMS {f.RmsResidualMm:0.0000} mm, max {f.MaxResidualMm:0.0000} mm; per dot (um): {string.Join(" ", f.ResidualsMm.Select(r => (r * 1000).ToString("0.0", CultureInfo.InvariantCulture)))}"));
    }

    private static KeyValuePair<string, object?>[] Arguments(CameraOptions camera, CalibrationMeasurement? partial = null, CameraCalibration? calibration = null) =>
    [
        new("slot", camera.CalibrationSlot),
        new("calibration", calibration?.Id),
        new("residualMaxMm", partial is null ? null : Math.Round(partial.Fit.MaxResidualMm, 6)),
        new("file", calibration is null ? null : camera.CalibrationFile),
    ];
}
