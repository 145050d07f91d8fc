using Engraver.Core.Firmware;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Hosting;

/// <summary>What a person fixes when the configuration stops the service: one line per bad key, naming it.</summary>
public static class ConfigurationErrors
{
    /// <summary>The prefix of every line printed for a refused configuration.</summary>
    public const string LinePrefix = "Configuration error: ";

    /// <summary>Throws <see cref="ConfigurationInvalidException"/> listing every unknown section, unknown key and
    /// bad value of <paramref name="configuration"/>, and what the service's validators of each section that binds
    /// say (an address beyond loopback without users, a role that does not exist), before the service starts.</summary>
    public static void ThrowIfInvalid(IConfiguration configuration, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(services);
        var sections = new KnownConfigurationSectionsValidator(configuration).Validate(null, new KnownConfigurationSections());
        var keys = ConfigurationKeyCheck.Problems(configuration);
        var problems = (sections.Failures ?? []).Concat(keys.Select(p => p.ToString())).ToList();
        foreach (var (section, options) in ConfigurationKeyCheck.Sections)
        {
            if (!keys.Any(k => k.Key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)))
            {
                problems.AddRange(ValidatorFailures(configuration.GetSection(section), options, services));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationInvalidException(problems);
        }
    }

    /// <summary>The failures of the validators registered for <paramref name="options"/> on the section as bound.</summary>
    private static IEnumerable<string> ValidatorFailures(IConfigurationSection section, Type options, IServiceProvider services)
    {
        var bound = section.Get(options) ?? Activator.CreateInstance(options)!;
        var validatorType = typeof(IValidateOptions<>).MakeGenericType(options);
        var validate = validatorType.GetMethod(nameof(IValidateOptions<object>.Validate))!;
        foreach (var validator in services.GetServices(validatorType).OfType<object>())
        {
            // The data annotations are read key by key above; the framework's validator for them is not run twice.
            if (validator.GetType().Name.StartsWith("DataAnnotationValidateOptions", StringComparison.Ordinal))
            {
                continue;
            }

            if (validate.Invoke(validator, [null, bound]) is ValidateOptionsResult { Failed: true } result)
            {
                foreach (var failure in result.Failures ?? [])
                {
                    yield return failure;
                }
            }
        }
    }

    /// <summary>One line per problem when <paramref name="fault"/> is a refused configuration; none otherwise.</summary>
    public static IReadOnlyList<string> Lines(Exception fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault switch
        {
            ConfigurationInvalidException invalid => invalid.Problems,
            OptionsValidationException refused => [.. refused.Failures],
            AggregateException all when all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => Lines(e).Count > 0) =>
                [.. all.InnerExceptions.SelectMany(Lines)],
            StationConfigurationException or FirmwareProfileException or TrayOutOfReachException => [fault.Message],
            Recipes.RecipeFolderInvalidException recipes => recipes.Problems,
            Recipes.RecipeOutOfReachException reach => reach.Problems,
            InvalidOperationException binder when ServiceExitCodes.For(binder) == ServiceExitCodes.ConfigurationInvalid => [binder.Message],
            _ => [],
        };
    }
}
