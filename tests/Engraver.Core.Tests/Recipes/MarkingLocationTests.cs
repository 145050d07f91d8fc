using System.Text;
using Engraver.Core.Geometry;
using Engraver.Core.Recipes;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Tests.Recipes;

public sealed class MarkingLocationTests
{
    private const string TwoLocations = """
        {
          "name": "two-faces",
          "material": "steel",
          "laserMode": "dynamic",
          "powerFraction": 0.8,
          "feedMmPerMin": 600,
          "passes": 1,
          "focusOffsetMm": 0,
          "locations": [
            { "name": "tip", "offsetXMm": 0, "offsetYMm": 0 },
            { "name": "flat", "offsetXMm": 0, "offsetYMm": 3.5, "rotationDeg": 90,
              "pinProfile": { "tipDiameterMm": 1.4 }, "verification": { "minStrokeCoverage": 0.8 } }
          ]
        }
        """;

    private static RecipeFileResult Parse(string text) =>
        RecipeFileParser.Parse("recipes/two-faces.json", Encoding.UTF8.GetBytes(text), RecipeLimits.From(Grbl.Profile));

    [Fact]
    public void Locations_read_with_offset_rotation_pin_profile_and_verification()
    {
        var recipe = Parse(TwoLocations).Recipe!;

        Assert.Equal(["tip", "flat"], recipe.Locations.Select(l => l.Name));
        var flat = recipe.Locations[1];
        Assert.Equal((new Point2(0, 3.5), 90.0, 1.4, 0.8), (flat.OffsetMm, flat.RotationDeg, flat.Pin.TipDiameterMm, flat.MinStrokeCoverage));
        Assert.Null(flat.MaxStrayMark);
        Assert.Equal(MarkingLocation.Tip with { Name = "tip" }, recipe.Locations[0]);
    }

    [Theory]
    [InlineData("[]", "locations", "lists 0 locations")]
    [InlineData("{}", "locations", "must be an array of locations, not an object")]
    [InlineData("[{ \"name\": \"tip\", \"offsetXMm\": 0 }]", "locations[0].offsetYMm", "is missing")]
    [InlineData("[{ \"name\": \"tip\", \"offsetXMm\": 0, \"offsetYMm\": 30 }]", "locations[0].offsetYMm", "30 is out of range")]
    [InlineData("[{ \"name\": \"tip\", \"offsetXMm\": 0, \"offsetYMm\": 0, \"depth\": 1 }]", "locations[0].depth", "unknown property")]
    [InlineData("[{ \"name\": \"a\", \"offsetXMm\": 0, \"offsetYMm\": 0 }, { \"name\": \"A\", \"offsetXMm\": 1, \"offsetYMm\": 0 }]", "locations[1].name", "is also the name of the location")]
    [InlineData("[{ \"name\": \"a\", \"offsetXMm\": 0, \"offsetYMm\": 0, \"pinProfile\": { \"tipDiameterMm\": 0.5, \"ringBandWidthMm\": 0.25 } }]", "locations[0].pinProfile", "leaves no room for text")]
    public void A_bad_location_is_named_with_its_index_and_field(string locations, string field, string message)
    {
        var text = TwoLocations[..TwoLocations.IndexOf("\"locations\"", StringComparison.Ordinal)] + $"\"locations\": {locations}\n}}";

        var error = Assert.Single(Parse(text).Errors);

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_a_toolpath_rotates_it_counter_clockwise_about_the_location_centre()
    {
        var location = MarkingLocation.Tip with { RotationDeg = 90 };

        var turned = location.Turn(new Toolpath([new Stroke([new Point2(0, 0), new Point2(1, 0)])]));

        var end = turned.Strokes[0].Points[1];
        Assert.Equal((0.0, 1.0), (Math.Round(end.X, 9), Math.Round(end.Y, 9)));
    }
}
