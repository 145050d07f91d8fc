using Engraver.Integration.Tests.Support;
using Engraver.Service.Hosting;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The service reads every recipe file at start and refuses to start on any bad one, one line per
/// problem naming file, line and field, with the configuration's exit code.</summary>
public class RecipeStartTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_bad_recipe_file_stops_the_service_at_start_with_one_line_per_problem_and_the_configuration_code()
    {
        using var folder = new TempFolder();
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        File.Copy(Path.Combine(RepositoryFiles.Root, "recipes", "default.json"), Path.Combine(recipes, "default.json"));
        await File.WriteAllTextAsync(Path.Combine(recipes, "hot.json"), """
            {
              "name": "hot",
              "material": "steel",
              "laserMode": "dynamic",
              "powerFraction": 1.5,
              "feedMmPerMin": 600,
              "passes": 1,
              "focusOffsetMm": 0,
              "colour": "red"
            }
            """);

        using var service = ServiceProcess.StartUnstarted(new Dictionary<string, string> { ["Station:DataFolder"] = folder.Path });
        var code = await service.WaitForExitAsync(Generous);

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{service.Output}");
        var lines = service.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith(ConfigurationErrors.LinePrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            $"Configuration error: {recipes}/hot.json:5: powerFraction: 1.5 is out of range; give a number above 0 and at most 1",
            $"Configuration error: {recipes}/hot.json:9: colour: unknown property; a recipe has name, material, laserMode, powerFraction, feedMmPerMin, passes, focusOffsetMm, overrides and locations",
        ], lines);
        Assert.Contains($"fix the recipe files in {recipes}", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", service.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "records.db")), "nothing of the station is opened with a bad recipe");
    }

    [Fact]
    public async Task A_recipe_faster_than_the_controllers_max_rate_stops_the_service_once_connected_naming_file_line_and_field()
    {
        using var folder = new TempFolder();
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        File.Copy(Path.Combine(RepositoryFiles.Root, "recipes", "default.json"), Path.Combine(recipes, "default.json"));
        await File.WriteAllTextAsync(Path.Combine(recipes, "fast.json"), """
            {
              "name": "fast",
              "material": "steel",
              "laserMode": "dynamic",
              "powerFraction": 0.8,
              "feedMmPerMin": 8000,
              "passes": 1,
              "focusOffsetMm": 0
            }
            """);

        using var service = ServiceProcess.StartUnstarted(new Dictionary<string, string> { ["Station:DataFolder"] = folder.Path });
        var code = await service.WaitForExitAsync(Generous);

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{service.Output}");
        Assert.Contains($"Configuration error: {recipes}/fast.json:6: feedMmPerMin: 8000 mm/min is above the controller's max rate of 6000 mm/min ($110, $111)", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Homing", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_still_naming_the_recipe_section_is_told_where_recipes_live_now()
    {
        using var folder = new TempFolder();

        using var service = ServiceProcess.StartUnstarted(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Recipe:PowerFraction"] = "0.5",
        });
        var code = await service.WaitForExitAsync(Generous);

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{service.Output}");
        var line = Assert.Single(service.Output.Split('\n', StringSplitOptions.TrimEntries), l => l.StartsWith(ConfigurationErrors.LinePrefix, StringComparison.Ordinal));
        Assert.Contains("recipes now live in the recipes folder", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_data_folder_gets_the_shipped_default_recipe_at_the_first_start()
    {
        using var folder = new TempFolder();

        using (var service = ServiceProcess.StartUnstarted(new Dictionary<string, string> { ["Station:DataFolder"] = folder.Path }))
        {
            var deadline = DateTime.UtcNow + Generous;
            while (!service.Output.Contains("Controller connected", StringComparison.Ordinal) && !service.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Contains($"1 recipe(s) from {Path.Combine(folder.Path, "recipes")}, read once at start", service.Output, StringComparison.Ordinal);
            var code = await service.TerminateAsync(Generous);
            Assert.True(code == 0, $"exit {code}\n{service.Output}");
        }

        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(RepositoryFiles.Root, "recipes", "default.json")),
            await File.ReadAllBytesAsync(Path.Combine(folder.Path, "recipes", "default.json")));
    }
}
