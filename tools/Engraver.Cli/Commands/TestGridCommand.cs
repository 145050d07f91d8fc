using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Engraver.Core.Geometry;
using Engraver.Core.Input;
using Engraver.Core.Layout;
using Engraver.Core.MaterialTest;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Service.Hosting;
using Engraver.Service.MaterialTest;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;
using Engraver.Vision.MaterialTest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Cli.Commands;

/// <summary>`engraver test-grid --name N --material M --user U [--power A:B:N] [--feed A:B:N]`: the material test.
/// Burns a grid of sample marks on the coupon (Fixture:CouponXMm/YMm), one per power and feed, through the station
/// hosted in this process (the service must be stopped: the station lease keeps the two apart), photographs and
/// grades each cell, and writes the table (console and TSV), a heat map PNG and the recommended recipe file (never
/// replacing one). Every cell burned is a `test-grid-cell` row of the signed command log, the run a `test-grid`
/// row. Exit 0 a recipe was written, 1 no cell good enough (no recipe; says why), 2 could not run.</summary>
internal static partial class TestGridCommand
{
    public const string CellCommand = "test-grid-cell";
    public const string RunCommand = "test-grid";

    private const double MinPitchMm = 0.6;
    private const double MaxPitchMm = 10;

    public static Command Create()
    {
        var power = new Option<string>("--power") { Description = "Laser powers, FIRST:LAST:COUNT as fractions of full power (0.01 to 1).", DefaultValueFactory = _ => "0.3:0.9:7" };
        power.Validators.Add(r => Check(r, () => PowerAxis(r.GetValueOrDefault<string>()!)));
        var feed = new Option<string>("--feed") { Description = "Feeds, FIRST:LAST:COUNT in mm/min (1 to 20000).", DefaultValueFactory = _ => "200:1200:6" };
        feed.Validators.Add(r => Check(r, () => FeedAxis(r.GetValueOrDefault<string>()!)));
        var pitch = new Option<double>("--pitch") { Description = "Distance between cell centres, mm.", DefaultValueFactory = _ => 1.0 };
        pitch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var value && (!double.IsFinite(value) || value < MinPitchMm || value > MaxPitchMm))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--pitch must be from {MinPitchMm} to {MaxPitchMm} mm (a cell's pattern and the metal around it take {MinPitchMm} mm)."));
            }
        });
        var name = new Option<string>("--name") { Description = "Name of the recipe to write (letters, digits, '.', '_', '-').", Required = true }.Checked(TextField.Id("--name"));
        name.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } value && !RecipeName().IsMatch(value))
            {
                r.AddError("--name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (it names the recipe file).");
            }
        });
        var material = new Option<string>("--material") { Description = "The coupon's material, as the recipe names it (\"17-4 PH stainless, H900\").", Required = true }.Checked(new TextField("--material", 200));
        var user = new Option<string>("--user") { Description = "Who runs the test (recorded).", Required = true }.Checked(TextField.User("--user"));
        var output = new Option<string?>("--out") { Description = "Folder for the table, the heat map and the recipe (default: a new test-grid-NAME-TIME folder here)." };
        var recipe = new Option<string?>("--recipe") { Description = "Recipe file to write (default: NAME.json in the --out folder); never replaced." };
        var command = new Command("test-grid", "Material test: burn a grid of powers and feeds on the coupon, grade each cell with the camera, recommend a recipe.")
        {
            power, feed, pitch, name, material, user, output, recipe,
        };
        command.SetAction((result, token) =>
        {
            var request = new Request(
                new TestGrid(PowerAxis(result.GetValue(power)!), FeedAxis(result.GetValue(feed)!), result.GetValue(pitch)),
                result.GetValue(name)!, result.GetValue(material)!, result.GetValue(user)!, result.GetValue(output), result.GetValue(recipe));
            return RunAsync(request, token);
        });
        return command;
    }

    private sealed record Request(TestGrid Grid, string Name, string Material, string User, string? Output, string? Recipe);

    private sealed record Outputs(string Folder, string Table, string HeatMap, string Recipe);

    private static GridAxis PowerAxis(string text) => GridAxis.Parse("--power", text, 0.01, 1, "(fractions of full power)");

    private static GridAxis FeedAxis(string text) => GridAxis.Parse("--feed", text, 1, 20000, "mm/min");

    private static void Check(System.CommandLine.Parsing.OptionResult result, Action parse)
    {
        try
        {
            parse();
        }
        catch (GridAxisException e)
        {
            result.AddError(e.Message);
        }
    }

    private static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var testId = $"{request.Name}-{stamp}";
        if (PrepareOutputs(request, stamp) is not { } outputs)
        {
            return CliExitCodes.CouldNotRun;
        }

        var overrides = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" };
        using var host = EngraverHost.CreateBuilder([], overrides).Build();
        var services = host.Services;
        try
        {
            ConfigurationErrors.ThrowIfInvalid(services.GetRequiredService<IConfiguration>(), services);
        }
        catch (ConfigurationInvalidException invalid)
        {
            foreach (var problem in invalid.Problems)
            {
                await Console.Error.WriteLineAsync(ConfigurationErrors.LinePrefix + problem).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("test-grid: fix the configuration; nothing moved.").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }

        var fixture = services.GetRequiredService<IOptions<FixtureOptions>>().Value;
        if (fixture is not { CouponXMm: { } couponX, CouponYMm: { } couponY })
        {
            await Console.Error.WriteLineAsync("test-grid: Fixture:CouponXMm and Fixture:CouponYMm (where the coupon's centre is, machine mm) are not set; nothing moved.").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }

        var camera = services.GetRequiredService<IOptions<CameraOptions>>().Value;
        var coupon = new Point2(couponX, couponY);
        // The camera's offset and the focus height the station runs under: the calibration's, when there is one.
        var geometry = services.GetRequiredService<StationRigFactory>().Geometry;
        var cameraOffset = geometry.OffsetMm;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Engraver.MaterialTest");
        Console.WriteLine(Say($"test-grid {testId}: {request.Grid.Rows} powers x {request.Grid.Columns} feeds on the coupon at X {coupon.X} Y {coupon.Y}, {request.Grid.PitchMm} mm apart; outputs in {outputs.Folder}"));
        try
        {
            await using var station = await HostedStation.OpenAsync(
                services.GetRequiredService<StationRigFactory>(), services.GetRequiredService<StationIoFactory>(), logger, cancellationToken).ConfigureAwait(false);
            if (station.OutOfReach(request.Grid, coupon, cameraOffset, geometry.FocusZMm) is { Count: > 0 } outOfReach)
            {
                await Console.Error.WriteLineAsync($"test-grid: the grid does not fit the machine's travel ({station.Rig.Travel.Describe()}): {string.Join("; ", outOfReach.Take(4))}; nothing burned.").ConfigureAwait(false);
                return CliExitCodes.CouldNotRun;
            }

            await station.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine(Say($"homed and started by {request.User}; records in {services.GetRequiredService<StationRigFactory>().RecordsPath}"));
            var pattern = new CellPattern(PinProfile.Default.LineWidthMm);
            var burner = new GridCellBurner(station, pattern, coupon, cameraOffset, geometry.FocusZMm);
            var graded = await BurnAllAsync(station.Records, burner, pattern, request, testId, cancellationToken).ConfigureAwait(false);
            if (graded is null)
            {
                return CliExitCodes.CouldNotRun;
            }

            return await ReportAsync(station, request, testId, outputs, graded.Value.Cells, graded.Value.GCode, coupon, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StationLeaseHeldException)
        {
            await Console.Error.WriteLineAsync($"test-grid: {e.Message} The material test hosts the station itself: stop the service first (systemctl stop engraver); nothing moved.").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }
        catch (Exception e) when (e is StationConfigurationException or RecordStoreUnavailableException or TrayOutOfReachException or GrblException or SerialLinkException or StationRefusedException or IOException)
        {
            await Console.Error.WriteLineAsync($"test-grid: {e.Message}").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }
    }

    /// <summary>Every cell in turn, each graded and recorded as soon as it is photographed. A cell that faults, or is
    /// cut off by Ctrl+C, is recorded as failed (the laser is already off) and the test ends: null, or the
    /// cancellation.</summary>
    private static async Task<(List<GradedCell> Cells, Dictionary<GridCell, string> GCode)?> BurnAllAsync(
        IRecordStore store, GridCellBurner burner, CellPattern pattern, Request request, string testId, CancellationToken cancellationToken)
    {
        var cells = new List<GradedCell>();
        var gcode = new Dictionary<GridCell, string>();
        foreach (var cell in request.Grid.Cells())
        {
            BurnedCell? burned = null;
            try
            {
                burned = await burner.BurnAsync(cell, cancellationToken).ConfigureAwait(false);
                var grade = CellGrader.Grade(burned.Frame, pattern);
                var row = await CommandLog.AppendAsync(store, request.User, CellCommand, CellArguments(testId, request, cell, burned, grade), null, cancellationToken).ConfigureAwait(false);
                cells.Add(new GradedCell(cell, grade));
                gcode[cell] = burned.GCodeSha256;
                Console.WriteLine(Say($"{cell.Name} power {cell.PowerFraction:0.###} feed {cell.FeedMmPerMin:0.#}: grade {grade.Grade:0.00} ({grade.Verdict}); command log row {row.Sequence}"));
            }
            catch (Exception fault)
            {
                var why = fault is OperationCanceledException && cancellationToken.IsCancellationRequested ? "stopped by Ctrl+C or SIGTERM" : fault.Message;
                await CommandLog.AppendAsync(store, request.User, CellCommand, CellArguments(testId, request, cell, burned, null), CommandRecord.Failed(why), CancellationToken.None).ConfigureAwait(false);
                await Console.Error.WriteLineAsync(Say($"test-grid: cell {cell.Name} (power {cell.PowerFraction}, feed {cell.FeedMmPerMin}) was not finished: {why}. The laser is off; the test stopped after {cells.Count} cells.")).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                return null;
            }
            finally
            {
                burned?.Dispose();
            }
        }

        return (cells, gcode);
    }

    private static List<KeyValuePair<string, object?>> CellArguments(string testId, Request request, GridCell cell, BurnedCell? burned, CellGrade? grade) =>
    [
        new("test", testId),
        new("recipeName", request.Name),
        new("material", request.Material),
        new("cell", cell.Name),
        new("powerFraction", cell.PowerFraction),
        new("feedMmPerMin", cell.FeedMmPerMin),
        new("xMm", burned is null ? null : Math.Round(burned.MachineCentre.X, 4)),
        new("yMm", burned is null ? null : Math.Round(burned.MachineCentre.Y, 4)),
        new("gcodeSha256", burned?.GCodeSha256),
        new("grade", grade is null ? null : Math.Round(grade.Grade, 4)),
        new("contrast", grade is null ? null : Math.Round(grade.Contrast, 4)),
        new("lineWidthMm", grade is null ? null : Math.Round(grade.LineWidthMm, 5)),
        new("fill", grade is null ? null : Math.Round(grade.Fill, 4)),
        new("stray", grade is null ? null : Math.Round(grade.Stray, 4)),
        new("verdict", grade?.Verdict),
    ];

    private static async Task<int> ReportAsync(
        HostedStation station, Request request, string testId, Outputs outputs, List<GradedCell> cells, Dictionary<GridCell, string> gcode, Point2 coupon, CancellationToken cancellationToken)
    {
        var result = GridRecommendation.Choose(cells);
        var chosen = result.Chosen;
        TestGridReport.WriteConsole(request.Grid, cells, chosen);
        TestGridReport.WriteTsv(outputs.Table, cells, chosen, gcode);
        TestGridHeatMap.Save(request.Grid, cells, chosen, $"Material test {testId}: {request.Material}", outputs.HeatMap);
        string? recipeSha = null;
        if (chosen is not null)
        {
            RecipeFile.Write(outputs.Recipe, RecipeFile.For(request.Name, request.Material, station.Rig.Firmware.Laser, chosen.Cell.PowerFraction, chosen.Cell.FeedMmPerMin));
            recipeSha = Sha256(outputs.Recipe);
        }

        var row = await CommandLog.AppendAsync(station.Records, request.User, RunCommand,
        [
            new("test", testId),
            new("recipeName", request.Name),
            new("material", request.Material),
            new("power", request.Grid.Powers.ToString()),
            new("feed", request.Grid.Feeds.ToString()),
            new("pitchMm", request.Grid.PitchMm),
            new("couponXMm", coupon.X),
            new("couponYMm", coupon.Y),
            new("cells", cells.Count),
            new("rule", GridRecommendation.Rule),
            new("recommendedCell", chosen?.Cell.Name),
            new("powerFraction", chosen?.Cell.PowerFraction),
            new("feedMmPerMin", chosen?.Cell.FeedMmPerMin),
            new("grade", chosen is null ? null : Math.Round(chosen.Grade.Grade, 4)),
            new("whyNone", result.WhyNone),
            new("recipeFile", chosen is null ? null : outputs.Recipe),
            new("recipeSha256", recipeSha),
            new("tableSha256", Sha256(outputs.Table)),
            new("heatMapSha256", Sha256(outputs.HeatMap)),
        ], null, cancellationToken).ConfigureAwait(false);

        Console.WriteLine($"table {outputs.Table}");
        Console.WriteLine($"heat map {outputs.HeatMap}");
        Console.WriteLine($"rule: {GridRecommendation.Rule}");
        if (chosen is null)
        {
            Console.WriteLine($"test-grid: no cell good enough: {result.WhyNone}; no recipe written; recorded as command log row {row.Sequence}");
            return CliExitCodes.CheckFailed;
        }

        Console.WriteLine(Say($"test-grid: recommended {chosen.Cell.Name}: power {chosen.Cell.PowerFraction:0.###}, feed {chosen.Cell.FeedMmPerMin:0.#} mm/min (grade {chosen.Grade.Grade:0.00}, chosen among {result.Candidates.Count}); recipe {outputs.Recipe}; recorded as command log row {row.Sequence}"));
        return CliExitCodes.Ok;
    }

    /// <summary>The output folder (made) and the three files in it, refused before anything moves when one exists.</summary>
    private static Outputs? PrepareOutputs(Request request, string stamp)
    {
        var folder = Path.GetFullPath(request.Output ?? $"test-grid-{request.Name}-{stamp}");
        var outputs = new Outputs(
            folder,
            Path.Combine(folder, request.Name + "-grid.tsv"),
            Path.Combine(folder, request.Name + "-heatmap.png"),
            Path.GetFullPath(request.Recipe ?? Path.Combine(folder, request.Name + ".json")));
        foreach (var path in new[] { outputs.Table, outputs.HeatMap, outputs.Recipe })
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                Console.Error.WriteLine($"test-grid: refusing to write {path}: it exists (a recipe or a test's output is never replaced); nothing moved.");
                return null;
            }
        }

        try
        {
            Directory.CreateDirectory(folder);
            if (Path.GetDirectoryName(outputs.Recipe) is { } recipeFolder)
            {
                Directory.CreateDirectory(recipeFolder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"test-grid: cannot make the output folder {folder}: {e.Message}; nothing moved.");
            return null;
        }

        return outputs;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex RecipeName();
}
