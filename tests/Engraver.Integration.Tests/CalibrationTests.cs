using System.Globalization;
using System.Text.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Hosting;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests;

/// <summary>`engraver calibrate` on a twin whose camera is not where the station is configured to believe it is:
/// offset 0.04 / 0.03 mm off, scale 2% off, turned 0.8 degrees, focus 0.3 mm off. The verb burns the fiducial through
/// the real serial path and recovers the truth; the service then runs under the file it wrote.</summary>
public sealed class CalibrationTests(ITestOutputHelper output)
{
    private const double TrueOffsetX = 40.04;
    private const double TrueOffsetY = 0.03;
    private const double TrueScale = 0.00204;
    private const double TrueRotation = 0.8;
    private const double TrueFocusZ = -4.7;
    private const double DepthOfField = 0.1;

    /// <summary>The station as configured (typed-in: offset 40 / 0, 0.002 mm/px, focus Z -5) on a twin with the truth above.</summary>
    private static Dictionary<string, string> Settings(string data) => new()
    {
        ["Station:DataFolder"] = data,
        ["Station:QueuePollMs"] = "50",
        ["Fixture:Rows"] = "2",
        ["Fixture:Columns"] = "6",
        ["Camera:CalibrationSlot"] = "11",
        ["Simulator:Camera:OffsetXMm"] = Invariant(TrueOffsetX),
        ["Simulator:Camera:OffsetYMm"] = Invariant(TrueOffsetY),
        ["Simulator:Camera:MillimetresPerPixel"] = Invariant(TrueScale),
        ["Simulator:Camera:RotationDeg"] = Invariant(TrueRotation),
        ["Simulator:Camera:FocusZMm"] = Invariant(TrueFocusZ),
        ["Simulator:Camera:DepthOfFieldMm"] = Invariant(DepthOfField),
    };

    [Fact]
    public async Task Calibrate_recovers_the_twins_offset_scale_rotation_and_focus_and_the_service_then_verifies_pins_naming_the_calibration()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "calibrated");
        var settings = Settings(data);

        var run = await EngraverProcess.RunPipedAsync(Environment(settings), "", "calibrate", "--user", "sue");
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "calibration.json")));
        var root = file.RootElement;
        Assert.InRange(root.GetProperty("offsetXMm").GetDouble() - TrueOffsetX, -0.005, 0.005);
        Assert.InRange(root.GetProperty("offsetYMm").GetDouble() - TrueOffsetY, -0.005, 0.005);
        Assert.InRange((root.GetProperty("millimetresPerPixel").GetDouble() / TrueScale) - 1, -0.005, 0.005);
        Assert.InRange(root.GetProperty("rotationDeg").GetDouble() - TrueRotation, -0.2, 0.2);
        Assert.InRange(root.GetProperty("focusZMm").GetDouble() - TrueFocusZ, -DepthOfField / 2, DepthOfField / 2);
        Assert.Equal("sue", root.GetProperty("calibratedBy").GetString());
        var id = root.GetProperty("id").GetString()!;

        var calibrated = await RunJobAsync(data, settings, "cal");
        Assert.All(calibrated, p => Assert.True(p.Outcome == PinOutcome.Verified, $"{p.Serial}: {p.Outcome} {p.Reason}"));
        Assert.All(calibrated, p => Assert.Equal(id, p.Calibration));

        // The same twin on the typed-in values: the camera looks 0.3 mm out of focus, 2% off scale and turned.
        var typedIn = await RunJobAsync(Path.Combine(folder.Path, "typed-in"), Settings(Path.Combine(folder.Path, "typed-in")), "typed");
        Assert.All(typedIn, p => Assert.Null(p.Calibration));
        output.WriteLine($"calibrated: {Describe(calibrated)}");
        output.WriteLine($"typed-in:   {Describe(typedIn)}");
        Assert.True(
            typedIn.Count(p => p.Outcome == PinOutcome.Verified) < calibrated.Count
            || typedIn.Average(p => p.StrokeCoverage ?? 0) < calibrated.Average(p => p.StrokeCoverage ?? 0),
            $"the typed-in values did as well as the calibration: {Describe(typedIn)}");
    }

    [Fact]
    public async Task Calibrate_refuses_a_fit_whose_residuals_are_too_large_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        var settings = Settings(data);
        // A lens with strong barrel distortion: no single offset, scale and rotation maps the fiducial.
        settings["Simulator:Camera:RadialDistortion"] = "0.15";

        var run = await EngraverProcess.RunPipedAsync(Environment(settings), "", "calibrate", "--user", "sue");
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("refused: the fit leaves a residual of", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("residuals over 16 of 16 dots", run.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "calibration.json")));
    }

    [Fact]
    public async Task Calibrate_without_a_user_is_a_usage_error()
    {
        var run = await EngraverProcess.RunPipedAsync("calibrate");
        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("--user", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_with_a_malformed_calibration_file_exits_with_the_configuration_code_naming_the_file_and_field()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "calibration.json");
        await File.WriteAllTextAsync(path, """{ "id": "x", "offsetXMm": 40, "offsetYMm": 0, "millimetresPerPixel": "fine" }""");

        using var service = ServiceProcess.StartUnstarted(new Dictionary<string, string> { ["Station:DataFolder"] = folder.Path });
        var code = await service.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{service.Output}");
        Assert.Contains($"Configuration error: Camera:CalibrationFile {path}: field millimetresPerPixel: not a number", service.Output, StringComparison.Ordinal);
    }

    /// <summary>A job of four serials through the service on <paramref name="data"/>; its pin records.</summary>
    private async Task<IReadOnlyList<PinRecord>> RunJobAsync(string data, Dictionary<string, string> settings, string jobId)
    {
        Directory.CreateDirectory(data);
        var records = Path.Combine(data, "records.db");
        var jobFile = Path.Combine(data, jobId + ".csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-C,default,C00001-C00004\n");
        var (submitCode, submitted) = await EngraverProcess.RunAsync("job", "submit", jobFile, "--id", jobId, "--records", records);
        Assert.True(submitCode == 0, submitted);
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);
        using (var service = ServiceProcess.Start(settings))
        {
            await JobOutcome.WaitUntilFinishedAsync(store, jobId, TimeSpan.FromMinutes(3), () => service.Output);
            Assert.Contains("Camera: " + (File.Exists(Path.Combine(data, "calibration.json")) ? "calibration " : "no calibration"), service.Output, StringComparison.Ordinal);
            await service.TerminateAsync(TimeSpan.FromMinutes(1));
        }

        var pins = new List<PinRecord>();
        await foreach (var stored in store.QueryAsync(new RecordQuery { JobId = jobId }, CancellationToken.None))
        {
            pins.Add(stored.Record);
        }

        return pins;
    }

    private static string Describe(IReadOnlyList<PinRecord> pins) => string.Join("; ", pins.Select(p =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Serial} {p.Outcome} grade {p.Grade} coverage {p.StrokeCoverage:0.000}{(p.Reason is null ? "" : " (" + p.Reason[..Math.Min(60, p.Reason.Length)] + "...)")}")));

    private static Dictionary<string, string> Environment(Dictionary<string, string> settings) =>
        settings.ToDictionary(s => "ENGRAVER_" + s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
