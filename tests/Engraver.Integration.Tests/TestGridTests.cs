using System.Globalization;
using System.Text.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using OpenCvSharp;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver test-grid` as a user runs it: the station hosted by the verb, the controller twin on its
/// pseudo-terminal (every byte over the real serial path), the camera twin photographing what the twin burned
/// on a material whose response the test configures, so the best cell is known beforehand.</summary>
public sealed class TestGridTests
{
    /// <summary>A material that marks right only at an energy of 0.45 (power x 600 / feed): at or below 0.35
    /// nothing shows, 0.4 is thin, above 0.5 it over-burns. On the 3 x 3 grid below only power 0.6 at
    /// 800 mm/min burns 0.45.</summary>
    private static readonly Dictionary<string, string> NarrowMaterial = new()
    {
        ["ENGRAVER_Camera__Material__ThresholdEnergy"] = "0.35",
        ["ENGRAVER_Camera__Material__NominalEnergy"] = "0.45",
        ["ENGRAVER_Camera__Material__OverburnEnergy"] = "0.5",
    };

    private static readonly Dictionary<string, string> NothingMarks = new()
    {
        ["ENGRAVER_Camera__Material__ThresholdEnergy"] = "5",
        ["ENGRAVER_Camera__Material__NominalEnergy"] = "6",
        ["ENGRAVER_Camera__Material__OverburnEnergy"] = "7",
    };

    [Fact]
    public async Task On_a_known_material_it_recommends_the_best_cell_and_writes_table_heat_map_recipe_and_command_log()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");

        var run = await RunAsync(folder.Path, NarrowMaterial,
            "--power", "0.4:0.8:3", "--feed", "400:1200:3", "--out", output);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("recommended R2C2: power 0.6, feed 800 mm/min", run.StandardOutput, StringComparison.Ordinal);

        using (var recipe = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "steel-fine.json"))))
        {
            var root = recipe.RootElement;
            Assert.Equal("steel-fine", root.GetProperty("name").GetString());
            Assert.Equal("17-4 PH stainless, H900", root.GetProperty("material").GetString());
            Assert.Equal("dynamic", root.GetProperty("laserMode").GetString());
            Assert.Equal(0.6, root.GetProperty("powerFraction").GetDouble());
            Assert.Equal(800, root.GetProperty("feedMmPerMin").GetDouble());
            Assert.Equal(1, root.GetProperty("passes").GetInt32());
            Assert.Equal(0.0, root.GetProperty("focusOffsetMm").GetDouble());
            Assert.False(root.TryGetProperty("overrides", out _));
        }

        var table = await File.ReadAllLinesAsync(Path.Combine(output, "steel-fine-grid.tsv"));
        Assert.Equal(10, table.Length);
        Assert.StartsWith("cell\tpower_fraction\tfeed_mm_per_min\tgrade\tverdict", table[0], StringComparison.Ordinal);
        var recommended = Assert.Single(table.Skip(1), line => line.Split('\t')[10] == "yes");
        Assert.StartsWith("R2C2\t0.6\t800\t", recommended, StringComparison.Ordinal);
        Assert.Contains(table, line => line.StartsWith("R1C3\t0.4\t1200\t0.0000\tno mark\t", StringComparison.Ordinal));
        Assert.Contains(table, line => line.StartsWith("R3C1\t", StringComparison.Ordinal) && line.Contains("\tover-burned\t", StringComparison.Ordinal));

        using (var heatMap = Cv2.ImRead(Path.Combine(output, "steel-fine-heatmap.png")))
        {
            Assert.False(heatMap.Empty());
            Assert.Equal((900, 650), (heatMap.Cols, heatMap.Rows));
        }

        var commands = await CommandsAsync(Path.Combine(folder.Path, "data", "records.db"));
        var cells = commands.Where(c => c.Command == "test-grid-cell").ToList();
        Assert.Equal(9, cells.Count);
        Assert.All(cells, c => Assert.Equal(("sue", "Accepted"), (c.User, c.Outcome)));
        Assert.Contains(cells, c => c.Arguments.Contains("\"cell\":\"R2C2\"", StringComparison.Ordinal) && c.Arguments.Contains("\"gcodeSha256\":\"", StringComparison.Ordinal));
        var summary = Assert.Single(commands, c => c.Command == "test-grid");
        Assert.Contains("\"recommendedCell\":\"R2C2\"", summary.Arguments, StringComparison.Ordinal);
        Assert.Contains("\"recipeSha256\":\"", summary.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_nothing_marks_it_exits_1_says_why_and_writes_no_recipe()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");

        var run = await RunAsync(folder.Path, NothingMarks, "--power", "0.5:1:2", "--feed", "600:1200:2", "--out", output);

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("no cell good enough: none of the 4 cells marked", run.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "steel-fine.json")));
        Assert.True(File.Exists(Path.Combine(output, "steel-fine-grid.tsv")));
        var commands = await CommandsAsync(Path.Combine(folder.Path, "data", "records.db"));
        Assert.Equal(4, commands.Count(c => c.Command == "test-grid-cell"));
        Assert.Contains("\"recommendedCell\":null", Assert.Single(commands, c => c.Command == "test-grid").Arguments, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--power", "0.9:0.3:7", "--power \"0.9:0.3:7\": LAST must not be below FIRST")]
    [InlineData("--power", "0.3:1.2:7", "--power \"0.3:1.2:7\": values must lie from 0.01 to 1")]
    [InlineData("--feed", "200:1200:0", "--feed \"200:1200:0\": COUNT must be a whole number from 1 to 20")]
    [InlineData("--feed", "fast", "--feed \"fast\": is not FIRST:LAST:COUNT")]
    [InlineData("--pitch", "0.1", "--pitch must be from 0.6 to 10 mm")]
    public async Task Bad_range_is_refused_naming_the_option_before_anything_moves(string option, string value, string message)
    {
        using var folder = new TempFolder();

        var run = await RunAsync(folder.Path, NarrowMaterial, option, value);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "data")), "nothing of the station was opened");
    }

    [Fact]
    public async Task Without_user_it_is_refused()
    {
        using var folder = new TempFolder();

        var run = await EngraverProcess.RunInAsync(folder.Path, Settings(folder.Path, NarrowMaterial), "test-grid", "--name", "steel-fine", "--material", "steel");

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("--user", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_recipe_file_is_never_replaced_and_nothing_moves()
    {
        using var folder = new TempFolder();
        var recipe = Path.Combine(folder.Path, "steel-fine.json");
        await File.WriteAllTextAsync(recipe, "{ \"name\": \"kept\" }");

        var run = await RunAsync(folder.Path, NarrowMaterial, "--power", "0.6:0.6:1", "--feed", "800:800:1", "--recipe", recipe);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains($"refusing to write {recipe}: it exists", run.StandardError, StringComparison.Ordinal);
        Assert.Equal("{ \"name\": \"kept\" }", await File.ReadAllTextAsync(recipe));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "data")), "nothing of the station was opened");
    }

    [Fact]
    public async Task Without_a_coupon_position_it_names_the_keys_and_nothing_moves()
    {
        using var folder = new TempFolder();
        var settings = Settings(folder.Path, NarrowMaterial);
        settings.Remove("ENGRAVER_Fixture__CouponXMm");

        var run = await EngraverProcess.RunInAsync(folder.Path, settings, "test-grid", "--name", "steel-fine", "--material", "steel", "--user", "sue");

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("Fixture:CouponXMm and Fixture:CouponYMm", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "data", "records.db")));
    }

    [Fact]
    public async Task While_the_service_holds_the_station_it_is_refused_and_nothing_burns()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "data", "records.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        await using (await SqliteRecordStore.OpenAsync(database, CancellationToken.None))
        {
        }

        await using var held = await FileStationLease.AcquireAsync(database, "station-1", CancellationToken.None);

        var run = await RunAsync(folder.Path, NarrowMaterial, "--power", "0.6:0.6:1", "--feed", "800:800:1", "--out", Path.Combine(folder.Path, "out"));

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("stop the service first", run.StandardError, StringComparison.Ordinal);
        await held.DisposeAsync();
        Assert.DoesNotContain(await CommandsAsync(database), c => c.Command.StartsWith("test-grid", StringComparison.Ordinal));
    }

    private static Task<EngraverRun> RunAsync(string folder, Dictionary<string, string> material, params string[] arguments) =>
        EngraverProcess.RunInAsync(folder, Settings(folder, material),
            ["test-grid", "--name", "steel-fine", "--material", "17-4 PH stainless, H900", "--user", "sue", .. arguments]);

    private static Dictionary<string, string> Settings(string folder, Dictionary<string, string> material) => new(material)
    {
        ["ENGRAVER_Station__DataFolder"] = Path.Combine(folder, "data"),
        ["ENGRAVER_Fixture__CouponXMm"] = (-60.0).ToString(CultureInfo.InvariantCulture),
        ["ENGRAVER_Fixture__CouponYMm"] = (-150.0).ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<List<CommandRecord>> CommandsAsync(string database)
    {
        await using var store = await SqliteRecordStore.OpenAsync(database, CancellationToken.None);
        var rows = new List<CommandRecord>();
        await foreach (var row in store.ListCommandsAsync(CancellationToken.None))
        {
            rows.Add(row.Record);
        }

        return rows;
    }
}
