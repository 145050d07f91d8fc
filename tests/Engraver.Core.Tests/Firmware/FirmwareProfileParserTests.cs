using System.Text.Json.Nodes;
using Engraver.Core.Firmware;
using Engraver.Core.Tests.Support;

namespace Engraver.Core.Tests.Firmware;

public sealed class FirmwareProfileParserTests
{
    [Fact]
    public void Shipped_grbl_profile_parses()
    {
        var profile = Grbl.Profile;

        Assert.Equal("grbl-1.1", profile.Name);
        Assert.Equal(128, profile.RxBufferBytes);
        Assert.Equal(15, profile.PlannerBlocks);
        Assert.Equal(79, profile.MaxLineLength.MaxCharacters);
        Assert.Equal(StreamingMode.CharacterCounting, profile.Streaming);
        Assert.Equal(new LaserCommands("M4", "M5", 0, 1000), profile.Laser);
        Assert.Equal("1", profile.RequiredSettings["$32"]);
        Assert.StartsWith("Hard limit", profile.DescribeAlarm(1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "'name' is missing")]
    [InlineData("rxBufferBytes", "'rxBufferBytes' is missing")]
    [InlineData("streaming", "'streaming' is missing")]
    [InlineData("maxLineLength", "'maxLineLength' is missing")]
    [InlineData("laser.onCommand", ".laser: 'onCommand' is missing")]
    [InlineData("laser.powerMax", ".laser: 'powerMax' is missing")]
    [InlineData("errors", "'errors' is missing")]
    public void Missing_key_is_named_in_the_error(string key, string expected)
    {
        var json = JsonNode.Parse(Grbl.Json)!.AsObject();
        var parts = key.Split('.');
        var owner = parts.Length == 2 ? json[parts[0]]!.AsObject() : json;
        Assert.True(owner.Remove(parts[^1]));

        var error = Assert.Throws<FirmwareProfileException>(() => FirmwareProfileParser.Parse(json.ToJsonString(), Grbl.RelativePath));

        Assert.StartsWith(Grbl.RelativePath, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_source_and_line()
    {
        var error = Assert.Throws<FirmwareProfileException>(() => FirmwareProfileParser.Parse("{\n  \"name\": \n}", "bad.json"));

        Assert.StartsWith("bad.json: not valid JSON at line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_grblhal_profile_parses_with_its_larger_buffer_and_axes()
    {
        var profile = FirmwareProfileParser.Parse(RepositoryFiles.ReadAllText("firmware-profiles", "grblhal.json"), "firmware-profiles/grblhal.json");

        Assert.Equal(1024, profile.RxBufferBytes);
        Assert.Equal(6, profile.Axes);
        Assert.Equal(new LineLimit(256, CountsComments: true), profile.MaxLineLength);
        Assert.Equal(SettingsPolicy.Verify, profile.SettingsPolicy);
        Assert.Equal(Grbl.Profile.Errors.Count, profile.Errors.Count);
    }

    [Fact]
    public void Optional_keys_default_when_absent()
    {
        var profile = Grbl.Profile;

        Assert.Equal(SettingsPolicy.Verify, profile.SettingsPolicy);
        Assert.Equal(3, profile.Axes);
    }

    [Theory]
    [InlineData("settingsPolicy", "\"Sometimes\"", "'settingsPolicy' must be one of Verify, Write")]
    [InlineData("axes", "12", "'axes' must be a whole number from 1 to 9")]
    public void A_bad_optional_key_is_named_in_the_error(string key, string value, string expected)
    {
        var json = JsonNode.Parse(Grbl.Json)!.AsObject();
        json[key] = JsonNode.Parse(value);

        var error = Assert.Throws<FirmwareProfileException>(() => FirmwareProfileParser.Parse(json.ToJsonString(), Grbl.RelativePath));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
