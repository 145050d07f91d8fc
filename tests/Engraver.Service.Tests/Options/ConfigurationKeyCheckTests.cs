using Engraver.Service.Options;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Engraver.Service.Tests.Options;

public class ConfigurationKeyCheckTests
{
    private static IReadOnlyList<ConfigurationProblem> Check(params (string Key, string? Value)[] settings) =>
        ConfigurationKeyCheck.Problems(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build());

    [Fact]
    public void A_value_that_is_not_a_number_is_named_with_its_key_value_and_range()
    {
        var problem = Assert.Single(Check(("Controller:BaudRate", "fast")));

        Assert.Equal("Controller:BaudRate = \"fast\": not a whole number; allowed 9600..2000000", problem.ToString());
    }

    [Fact]
    public void Every_bad_key_is_named_not_only_the_first()
    {
        var problems = Check(
            ("Controller:BaudRate", "fast"), ("Camera:WidthPx", "5"), ("Camera:Kind", "Usb"),
            ("Station:UnattendedStart", "maybe"), ("Fixture:Rowz", "4"), ("StationIo:Inputs:DoorClosed:Line", "x"));

        Assert.Equal(
            ["Camera:Kind", "Camera:WidthPx", "Controller:BaudRate", "Fixture:Rowz", "Station:UnattendedStart", "StationIo:Inputs:DoorClosed:Line"],
            problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains(problems, p => p.Key == "Camera:Kind" && p.Allowed == "Simulated, OpenCv");
        Assert.Contains(problems, p => p.Key == "Camera:WidthPx" && p.Problem == "out of range" && p.Allowed == "64..8192");
        Assert.Contains(problems, p => p.Key == "Station:UnattendedStart" && p.Allowed == "true, false");
    }

    [Fact]
    public void An_unknown_key_names_the_keys_of_its_section_and_does_not_repeat_its_value()
    {
        var problem = Assert.Single(Check(("Records:HmacKeey", "a-secret-key")));

        Assert.Equal("Records:HmacKeey", problem.Key);
        Assert.Contains("HmacKey", problem.Allowed, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret-key", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_value_set_empty_and_a_value_against_its_pattern_are_refused()
    {
        var problems = Check(("Station:DataFolder", " "), ("Station:Id", "no spaces allowed"));

        Assert.Contains(problems, p => p.Key == "Station:DataFolder" && p.Problem.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Key == "Station:Id" && p.Problem.Contains("1-32 letters", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_settings_and_list_entries_pass()
    {
        var shipped = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .AddInMemoryCollection([
                KeyValuePair.Create("Api:Users:0:Id", (string?)"alice"), KeyValuePair.Create("Api:Users:0:Role", (string?)"Operator"),
                KeyValuePair.Create("Records:PostgresConnectionString", (string?)null), KeyValuePair.Create("Controller:SimulatorTimeScale", (string?)"0.5"),
            ])
            .Build();

        Assert.Empty(ConfigurationKeyCheck.Problems(shipped));
    }

    [Fact]
    public void A_list_entry_with_an_unknown_key_is_named_with_its_index()
    {
        var problem = Assert.Single(Check(("Api:Users:0:Id", "alice"), ("Api:Users:0:Rolle", "Operator")));

        Assert.Equal("Api:Users:0:Rolle", problem.Key);
    }
}
