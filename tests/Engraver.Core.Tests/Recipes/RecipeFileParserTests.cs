using System.Text;
using Engraver.Core.Firmware;
using Engraver.Core.Recipes;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Tests.Recipes;

public sealed class RecipeFileParserTests
{
    /// <summary>The format as the material test writes it (one property a line, so each has its own line).</summary>
    private const string SteelFine = """
        {
          "name": "steel-fine",
          "material": "17-4 PH stainless, H900",
          "laserMode": "dynamic",
          "powerFraction": 0.8,
          "feedMmPerMin": 600,
          "passes": 1,
          "focusOffsetMm": 0.0,
          "overrides": { "powerPercent": { "min": 90, "max": 110 }, "feedPercent": { "min": 80, "max": 100 } }
        }
        """;

    private static readonly RecipeLimits GrblLimits = RecipeLimits.From(Grbl.Profile);

    private static RecipeFileResult Parse(string text, string file = "recipes/steel-fine.json", RecipeLimits? limits = null) =>
        RecipeFileParser.Parse(file, Encoding.UTF8.GetBytes(text), limits ?? GrblLimits);

    private static string Replace(string property, string value) =>
        string.Join('\n', SteelFine.Split('\n').Select(line => line.TrimStart().StartsWith($"\"{property}\":", StringComparison.Ordinal)
            ? $"  \"{property}\": {value}{(line.TrimEnd().EndsWith(',') ? "," : string.Empty)}"
            : line));

    [Fact]
    public void The_agreed_format_reads_into_a_recipe_with_its_override_limits()
    {
        var parsed = Parse(SteelFine);

        Assert.Empty(parsed.Errors);
        var recipe = Assert.IsType<Recipe>(parsed.Recipe);
        Assert.Equal("steel-fine", recipe.Name);
        Assert.Equal("17-4 PH stainless, H900", recipe.Material);
        Assert.Equal(LaserMode.Dynamic, recipe.LaserMode);
        Assert.Equal(0.8, recipe.PowerFraction);
        Assert.Equal(600, recipe.FeedMmPerMin);
        Assert.Equal(1, recipe.Passes);
        Assert.Equal(0.0, recipe.FocusOffsetMm);
        Assert.Equal(new OverrideLimits(new PercentRange(90, 110), new PercentRange(80, 100)), recipe.OverrideLimits);
        Assert.Equal(9, parsed.Lines["overrides"]);
    }

    [Fact]
    public void A_recipe_without_overrides_allows_none_and_constant_mode_reads()
    {
        var text = string.Join('\n', SteelFine.Split('\n').Where(l => !l.Contains("overrides", StringComparison.Ordinal))).Replace("\"focusOffsetMm\": 0.0,", "\"focusOffsetMm\": 0.0", StringComparison.Ordinal)
            .Replace("\"dynamic\"", "\"constant\"", StringComparison.Ordinal);

        var recipe = Parse(text).Recipe!;

        Assert.Equal(OverrideLimits.None, recipe.OverrideLimits);
        Assert.Equal(LaserMode.Constant, recipe.LaserMode);
    }

    [Fact]
    public void The_shipped_default_recipe_is_todays_default()
    {
        var file = Path.Combine(RepositoryFiles.Root, "recipes", "default.json");

        var parsed = RecipeFileParser.Parse(file, File.ReadAllBytes(file), GrblLimits);

        Assert.Empty(parsed.Errors);
        Assert.Equal(Recipe.Default with { Material = parsed.Recipe!.Material }, parsed.Recipe);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("\"steel-fine\"")]
    [InlineData("{ \"name\": \"steel-fine\", }")]
    [InlineData("{ /* comment */ \"name\": \"steel-fine\" }")]
    public void Text_that_is_not_one_json_object_is_refused_with_a_line(string text)
    {
        var parsed = Parse(text);

        Assert.Null(parsed.Recipe);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal("json", error.Field);
        Assert.True(error.Line >= 1);
        Assert.StartsWith("recipes/steel-fine.json:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Something_after_the_object_is_refused()
    {
        var parsed = Parse(SteelFine + "\n{}");

        Assert.Null(parsed.Recipe);
        Assert.Equal(11, Assert.Single(parsed.Errors).Line);
    }

    [Fact]
    public void A_huge_file_is_refused_before_it_is_parsed()
    {
        var huge = new byte[RecipeFileParser.MaxFileBytes + 1];
        Array.Fill(huge, (byte)' ');

        var parsed = RecipeFileParser.Parse("recipes/big.json", huge, GrblLimits);

        Assert.Equal("recipes/big.json:1: file: is 65537 bytes; a recipe file is at most 65536 bytes", Assert.Single(parsed.Errors).ToString());
    }

    [Fact]
    public void Deep_nesting_is_refused_as_json_not_a_crash()
    {
        var parsed = Parse("{ \"overrides\": " + new string('[', 100) + new string(']', 100) + " }");

        Assert.Equal("json", Assert.Single(parsed.Errors).Field);
    }

    [Theory]
    [InlineData("powerFraction", "\"0.8\"", 5, "must be a number, not a string")]
    [InlineData("feedMmPerMin", "true", 6, "must be a number, not true or false")]
    [InlineData("passes", "1.5", 7, "1.5 is not a whole number from 1 to 10")]
    [InlineData("passes", "[1]", 7, "must be a whole number, not an array")]
    [InlineData("name", "null", 2, "must be a string, not null")]
    [InlineData("material", "{ \"a\": 1 }", 3, "must be a string, not an object")]
    [InlineData("laserMode", "\"pulsed\"", 4, "'pulsed' is not a laser mode")]
    [InlineData("powerFraction", "0", 5, "0 is out of range; give a number above 0 and at most 1")]
    [InlineData("powerFraction", "-0.5", 5, "-0.5 is out of range")]
    [InlineData("powerFraction", "1.01", 5, "1.01 is out of range")]
    [InlineData("feedMmPerMin", "-600", 6, "-600 is out of range; give a number from 1 to 20000")]
    [InlineData("feedMmPerMin", "1e400", 6, "is not a number this station can use")]
    [InlineData("focusOffsetMm", "-11", 8, "-11 is out of range; give a number from -10 to 10")]
    [InlineData("passes", "0", 7, "0 is not a whole number from 1 to 10")]
    [InlineData("passes", "99999999999", 7, "99999999999 is not a whole number from 1 to 10")]
    public void A_wrong_type_or_value_names_file_line_and_field(string property, string value, int line, string message)
    {
        var parsed = Parse(Replace(property, value));

        Assert.Null(parsed.Recipe);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal((line, property), (error.Line, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_written_as_a_word_is_not_json()
    {
        var parsed = Parse(Replace("powerFraction", "NaN"));

        Assert.Equal(("json", 5), (Assert.Single(parsed.Errors).Field, parsed.Errors[0].Line));
    }

    [Fact]
    public void An_unknown_property_and_a_repeated_one_are_named_with_their_lines()
    {
        var text = SteelFine.Replace("\"passes\": 1,", "\"passes\": 1,\n  \"pases\": 2,\n  \"passes\": 2,", StringComparison.Ordinal);

        var errors = Parse(text).Errors.Select(e => e.ToString()).ToArray();

        Assert.Equal(
        [
            "recipes/steel-fine.json:8: pases: unknown property; a recipe has name, material, laserMode, powerFraction, feedMmPerMin, passes, focusOffsetMm, overrides and locations",
            "recipes/steel-fine.json:9: passes: appears twice (first on line 7)",
        ], errors);
    }

    [Fact]
    public void Every_missing_field_is_named_at_once()
    {
        var parsed = Parse("{\n  \"name\": \"steel-fine\"\n}");

        Assert.Equal(["material", "laserMode", "powerFraction", "feedMmPerMin", "passes", "focusOffsetMm"], parsed.Errors.Select(e => e.Field));
        Assert.All(parsed.Errors, e => Assert.Equal(1, e.Line));
    }

    [Theory]
    [InlineData("{ \"powerPercent\": { \"min\": 5, \"max\": 110 } }", "overrides.powerPercent.min", "5 is not a whole number from 10 to 100")]
    [InlineData("{ \"powerPercent\": { \"min\": 90, \"max\": 95 } }", "overrides.powerPercent.max", "95 is not a whole number from 100 to 200")]
    [InlineData("{ \"powerPercent\": { \"min\": 90 } }", "overrides.powerPercent.max", "is missing")]
    [InlineData("{ \"speedPercent\": { \"min\": 90, \"max\": 100 } }", "overrides.speedPercent", "unknown property")]
    [InlineData("{ \"feedPercent\": [80, 100] }", "overrides.feedPercent", "must be an object, not an array")]
    [InlineData("\"none\"", "overrides", "must be an object, not a string")]
    [InlineData("{ \"powerPercent\": { \"min\": 90, \"max\": 130 } }", "overrides.powerPercent.max", "130% of powerFraction 0.8 is above the full power of grbl-1.1 (S1000); allow at most 125%")]
    public void Override_ranges_are_checked(string overrides, string field, string message)
    {
        var parsed = Parse(Replace("overrides", overrides));

        Assert.Null(parsed.Recipe);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_name_must_be_the_file_name()
    {
        var error = Assert.Single(Parse(SteelFine, "recipes/steel.json").Errors);

        Assert.Equal("recipes/steel.json:2: name: is 'steel-fine' but the file is named 'steel.json': a recipe's file is its name and .json (rename the file to steel-fine.json, or the name to steel)", error.ToString());
    }

    [Theory]
    [InlineData("\"../etc/passwd\"", "is not a recipe name")]
    [InlineData("\".hidden\"", "is not a recipe name")]
    [InlineData("\"\"", "is not a recipe name")]
    public void A_name_that_is_not_a_plain_file_name_is_refused(string name, string message)
    {
        var error = Assert.Single(Parse(Replace("name", name)).Errors);

        Assert.Equal("name", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_character_in_the_material_is_refused_without_echoing_it()
    {
        var error = Assert.Single(Parse(Replace("material", "\"steel\\u001b[31m\"")).Errors);

        Assert.Equal("material", error.Field);
        Assert.Contains("U+001B", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_firmware_profile_limits_power_and_feed()
    {
        var slow = new RecipeLimits("slow-fw", new LaserCommands("M4", "M5", 0, 255), MaxFeedMmPerMin: 500);

        var errors = Parse(Replace("powerFraction", "0.001"), limits: slow with { MaxFeedMmPerMin = null }).Errors.Concat(Parse(SteelFine, limits: slow).Errors).Select(e => e.ToString()).ToArray();

        Assert.Equal(
        [
            "recipes/steel-fine.json:5: powerFraction: 0.001 gives S0 on slow-fw (S 0..255): the laser would not burn",
            "recipes/steel-fine.json:6: feedMmPerMin: 600 mm/min is above the slow-fw profile's maximum feed of 500 mm/min",
        ], errors);
    }

    [Fact]
    public void A_feed_override_beyond_the_profile_maximum_is_refused()
    {
        var limits = GrblLimits with { MaxFeedMmPerMin = 650 };

        var error = Assert.Single(Parse(Replace("overrides", "{ \"feedPercent\": { \"min\": 80, \"max\": 120 } }"), limits: limits).Errors);

        Assert.Equal("overrides.feedPercent.max", error.Field);
        Assert.Contains("120% of 600 mm/min is above the grbl-1.1 profile's maximum feed of 650 mm/min", error.Message, StringComparison.Ordinal);
    }
}
