using Engraver.Service.Options;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Engraver.Service.Tests.Options;

public class KnownConfigurationSectionsTests
{
    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(params (string Key, string Value)[] settings) =>
        new KnownConfigurationSectionsValidator(
                new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build())
            .Validate(null, new KnownConfigurationSections());

    [Theory]
    [InlineData("Record:HmacKey", "Record", "Did you mean Records?")]
    [InlineData("Stations:Id", "Stations", "Did you mean Station?")]
    [InlineData("Cemera:Kind", "Cemera", "Did you mean Camera?")]
    public void A_misspelt_section_is_refused_naming_it_and_the_section_meant(string key, string section, string hint)
    {
        var result = Validate((key, "x"));

        Assert.True(result.Failed);
        Assert.Contains($"'{section}'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(hint, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_top_level_key_far_from_any_section_is_refused_without_a_guess()
    {
        var result = Validate(("Telemetry", "on"));

        Assert.Contains("'Telemetry'", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_and_framework_sections_are_allowed() =>
        Assert.True(Validate(
            ("Records:HmacKey", "k"), ("Station:Id", "s"), ("Serilog:MinimumLevel:Default", "Warning"), ("Kestrel:Limits:MaxRequestBodySize", "1"),
            ("Logging:LogLevel:Default", "Warning"), ("AllowedHosts", "*"), ("urls", "http://127.0.0.1:1"), ("environment", "Production")).Succeeded);

    [Fact]
    public void Plain_environment_variables_and_prefixed_ones_read_elsewhere_are_not_refused()
    {
        Environment.SetEnvironmentVariable("ENGRAVER_TEST_PLAIN_VARIABLE", "1");
        Environment.SetEnvironmentVariable("ENGRAVER_Fixture__Rows", "4");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();

        Assert.True(new KnownConfigurationSectionsValidator(configuration).Validate(null, new KnownConfigurationSections()).Succeeded);
    }
}
