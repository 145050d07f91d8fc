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
        Assert.Equal(StreamingMode.CharacterCounting, profile.Streaming);
        Assert.Equal(new LaserCommands("M4", "M5", 0, 1000), profile.Laser);
        Assert.Equal("1", profile.RequiredSettings["$32"]);
        Assert.StartsWith("Hard limit", profile.DescribeAlarm(1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "'name' is missing")]
    [InlineData("rxBufferBytes", "'rxBufferBytes' is missing")]
    [InlineData("streaming", "'streaming' is missing")]
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
}
