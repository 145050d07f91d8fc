using Engraver.Service.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Engraver.Service.Tests.Options;

/// <summary>A refused configuration is told one line per problem, every problem at once.</summary>
public sealed class ConfigurationErrorsTests
{
    private static ConfigurationInvalidException? Check(params (string Key, string Value)[] settings)
    {
        var builder = EngraverHost.CreateBuilder([], settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        using var services = builder.Services.BuildServiceProvider();
        try
        {
            ConfigurationErrors.ThrowIfInvalid(builder.Configuration, services);
            return null;
        }
        catch (ConfigurationInvalidException invalid)
        {
            return invalid;
        }
    }

    [Fact]
    public void Bad_keys_an_unknown_section_and_a_validators_refusal_are_all_named()
    {
        var invalid = Check(
            ("Controller:BaudRate", "fast"), ("Recrods:Path", "x.db"),
            ("Api:Users:0:Id", "alice"), ("Api:Users:0:Role", "King"), ("Api:Users:0:KeyHash", "nope"));

        Assert.NotNull(invalid);
        Assert.Contains(invalid.Problems, p => p.StartsWith("Controller:BaudRate = \"fast\"", StringComparison.Ordinal));
        Assert.Contains(invalid.Problems, p => p.Contains("'Recrods'", StringComparison.Ordinal));
        Assert.Contains(invalid.Problems, p => p.Contains("Api:Users:0:Role 'King'", StringComparison.Ordinal));
        Assert.Contains(invalid.Problems, p => p.StartsWith("Api:Users:0:KeyHash", StringComparison.Ordinal));
        Assert.Equal(invalid.Problems, ConfigurationErrors.Lines(invalid));
    }

    [Fact]
    public void The_shipped_configuration_passes() => Assert.Null(Check());

    [Fact]
    public void Every_failure_of_several_options_is_a_line() =>
        Assert.Equal(
            ["a", "b", "c"],
            ConfigurationErrors.Lines(new AggregateException(
                new OptionsValidationException("Api", typeof(object), ["a", "b"]), new OptionsValidationException("Camera", typeof(object), ["c"]))));

    [Fact]
    public void A_fault_that_is_not_the_configurations_has_no_lines() =>
        Assert.Empty(ConfigurationErrors.Lines(new IOException("disk")));
}
