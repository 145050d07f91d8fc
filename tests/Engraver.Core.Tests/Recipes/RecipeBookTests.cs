using System.Security.Cryptography;
using System.Text;
using Engraver.Core.Machine;
using Engraver.Core.Recipes;
using Engraver.Core.Tests.Support;

namespace Engraver.Core.Tests.Recipes;

public sealed class RecipeBookTests
{
    private static readonly RecipeLimits Limits = RecipeLimits.From(Grbl.Profile);

    private static RecipeSource File(string name, double power = 0.8, double feed = 600, double focusOffset = 0, string? file = null, string overrides = "") => new(
        $"recipes/{file ?? name}.json",
        Encoding.UTF8.GetBytes(
            $"{{\n  \"name\": \"{name}\",\n  \"material\": \"steel\",\n  \"laserMode\": \"dynamic\",\n  \"powerFraction\": {power},\n  \"feedMmPerMin\": {feed},\n  \"passes\": 1,\n  \"focusOffsetMm\": {focusOffset}{overrides}\n}}\n"));

    [Fact]
    public void Every_file_becomes_a_recipe_with_the_hash_of_its_bytes()
    {
        var a = File("a");
        var b = File("b", power: 0.5);

        var book = RecipeBook.Load("recipes", [b, a], Limits).Book!;

        Assert.Equal(["a", "b"], book.Entries.Select(e => e.Recipe.Name));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(b.Bytes)), book.Find("b")!.Sha256Hex);
        Assert.Equal(0.5, book.Find("b")!.Recipe.PowerFraction);
        Assert.Null(book.Find("B"));
    }

    [Fact]
    public void One_bad_file_refuses_the_whole_folder_and_every_problem_is_listed()
    {
        var result = RecipeBook.Load("recipes", [File("good"), File("bad", power: 2), new RecipeSource("recipes/empty.json", [])], Limits);

        Assert.Null(result.Book);
        Assert.Equal(["recipes/bad.json:5: powerFraction", "recipes/empty.json:1: json"], result.Errors.Select(e => $"{e.File}:{e.Line}: {e.Field}"));
    }

    [Fact]
    public void Two_recipes_with_one_name_ignoring_case_are_refused()
    {
        var result = RecipeBook.Load("recipes", [File("steel"), File("Steel")], Limits);

        var error = Assert.Single(result.Errors);
        Assert.Equal("recipes/steel.json:2: name: 'steel' is also the name in recipes/Steel.json (line 2); recipe names must differ, ignoring case", error.ToString());
    }

    [Fact]
    public void A_copied_file_that_keeps_the_name_inside_is_refused()
    {
        var result = RecipeBook.Load("recipes", [File("steel"), File("steel", file: "steel-copy")], Limits);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("recipes/steel-copy.json", "name"), (error.File, error.Field));
        Assert.Contains("the file is named 'steel-copy.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_is_refused()
    {
        var error = Assert.Single(RecipeBook.Load("/var/lib/engraver/recipes", [], Limits).Errors);

        Assert.StartsWith("/var/lib/engraver/recipes:1: folder: holds no recipe file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_controllers_travel_and_max_rate_limit_focus_and_feed()
    {
        var book = RecipeBook.Load("recipes", [File("deep", focusOffset: -9), File("fast", feed: 5000, overrides: ",\n  \"overrides\": { \"feedPercent\": { \"min\": 100, \"max\": 150 } }"), File("ok")], Limits).Book!;
        var travel = MachineTravel.FromMaxTravel(200, 200, 10, softLimitsEnabled: true);

        var problems = RecipeReach.Check(book, travel, focusZMm: -5, maxRateMmPerMin: 6000);

        Assert.Equal(
        [
            "recipes/deep.json:8: focusOffsetMm: -9 puts the focus at Fixture:FocusZMm -5 + -9: Z -14 is outside the travel Z -10..0 ($132=10)",
            "recipes/fast.json:6: feedMmPerMin: 7500 mm/min (with the 150% override) is above the controller's max rate of 6000 mm/min ($110, $111)",
        ], problems);
    }

    [Fact]
    public void A_marking_location_the_tray_puts_out_of_the_travel_is_named_with_its_slot()
    {
        var sideways = File("side", overrides: ",\n  \"locations\": [ { \"name\": \"tip\", \"offsetXMm\": 0, \"offsetYMm\": 0 }, { \"name\": \"far\", \"offsetXMm\": 15, \"offsetYMm\": 0 } ]");
        var book = RecipeBook.Load("recipes", [sideways], Limits).Book!;
        var travel = MachineTravel.FromMaxTravel(200, 200, 50, softLimitsEnabled: true);
        var tray = new Engraver.Core.Fixture.TrayFixture(1, 3, 10, 10, new Engraver.Core.Geometry.Point2(-30, -100), -5);

        var problems = RecipeReach.CheckLocations(book, travel, tray, new Engraver.Core.Geometry.Point2(40, 0));

        Assert.Equal(["recipes/side.json:9: locations[1]: location 'far' of slot 2 under the laser: X 5 is outside the travel X -200..0 ($130=200)"], problems);
    }
}
