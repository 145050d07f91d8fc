using Engraver.Integration.Tests.Support;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver recipe check` says what the service would say at start, and `recipe list` lists what it loads.</summary>
public class RecipeCommandTests
{
    private const string Fine = """
        {
          "name": "fine",
          "material": "17-4 PH stainless, H900",
          "laserMode": "constant",
          "powerFraction": 0.7,
          "feedMmPerMin": 500,
          "passes": 2,
          "focusOffsetMm": 0.25,
          "overrides": { "powerPercent": { "min": 90, "max": 110 } }
        }
        """;

    [Fact]
    public async Task Check_names_each_problem_with_file_line_and_field_and_exits_1()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "fine.json"), Fine);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "broken.json"), "{\n  \"name\": \"broken\",\n  \"passes\": \"2\"\n}\n");

        var run = await EngraverProcess.RunPipedAsync(["recipe", "check", folder.Path]);

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Output}");
        Assert.Contains($"{folder.Path}/broken.json:3: passes: must be a whole number, not a string", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{folder.Path}/broken.json:1: material: is missing", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("the service would not start with them", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_good_files_exits_0_and_list_gives_every_field_with_the_files_hash()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "fine.json"), Fine);
        File.Copy(Path.Combine(RepositoryFiles.Root, "recipes", "default.json"), Path.Combine(folder.Path, "default.json"));

        var check = await EngraverProcess.RunPipedAsync(["recipe", "check", folder.Path]);
        var list = await EngraverProcess.RunPipedAsync(["recipe", "list", folder.Path, "--format", "tsv"]);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("2 recipe(s)", check.StandardOutput, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.Output);
        var lines = list.StandardOutput.TrimEnd().Split('\n');
        Assert.Equal("name\tmaterial\tlaserMode\tpowerFraction\tfeedMmPerMin\tpasses\tfocusOffsetMm\tpowerPercent\tfeedPercent\tlocations\tfile\tsha256", lines[0]);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder.Path, "fine.json"))));
        Assert.Equal($"fine\t17-4 PH stainless, H900\tconstant\t0.7\t500\t2\t0.25\t90..110\tnone\ttip\t{folder.Path}/fine.json\t{hash}", lines[2]);
    }

    [Fact]
    public async Task Check_of_a_folder_that_is_not_there_exits_2()
    {
        using var folder = new TempFolder();

        var run = await EngraverProcess.RunPipedAsync(["recipe", "check", Path.Combine(folder.Path, "missing")]);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}");
    }
}
