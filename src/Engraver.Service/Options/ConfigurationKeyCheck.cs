using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Configuration;

namespace Engraver.Service.Options;

/// <summary>Reads every key of the service's sections against the option it binds to, before anything binds, so
/// a start with several bad keys names all of them at once: a key no option has, a value that does not convert
/// (a number, true or false, one of a list), a number out of its range, an empty required value, a value that
/// does not match its pattern. What the key's option says it allows is given with each.</summary>
public static class ConfigurationKeyCheck
{
    /// <summary>The service's sections and the options they bind to.</summary>
    public static readonly IReadOnlyList<(string Section, Type Options)> Sections =
    [
        (StationOptions.Section, typeof(StationOptions)),
        (ControllerOptions.Section, typeof(ControllerOptions)),
        (CameraOptions.Section, typeof(CameraOptions)),
        (FixtureOptions.Section, typeof(FixtureOptions)),
        (RecordStoreOptions.SectionName, typeof(RecordStoreOptions)),
        (StationIoOptions.Section, typeof(StationIoOptions)),
        (ApiOptions.Section, typeof(ApiOptions)),
        (SimulatorTwinOptions.Section, typeof(SimulatorTwinOptions)),
    ];

    public static IReadOnlyList<ConfigurationProblem> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigurationProblem>();
        foreach (var (section, options) in Sections)
        {
            CheckObject(configuration.GetSection(section), options, problems);
        }

        foreach (var (section, options) in Sections)
        {
            CheckRequired(configuration.GetSection(section), options, problems);
        }

        return problems;
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<ConfigurationProblem> problems)
    {
        var properties = Bindable(type);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                // The value is not repeated: a misspelt key may hold a secret (Records:HmacKey).
                problems.Add(new ConfigurationProblem(child.Path, null, $"not a key of {section.Path}", string.Join(", ", properties.Values.Select(p => p.Name))));
                continue;
            }

            CheckValue(child, property.PropertyType, property, problems);
        }
    }

    private static void CheckValue(IConfigurationSection key, Type type, PropertyInfo? property, List<ConfigurationProblem> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSimple(target))
        {
            if (key.Value is null || (key.Value.Length == 0 && target != type))
            {
                if (key.GetChildren().Any())
                {
                    problems.Add(new ConfigurationProblem(key.Path, null, "is a section, but a single value is expected", Allowed(target, property)));
                }

                return;
            }

            if (Convert(key.Value, target) is not { } value)
            {
                problems.Add(new ConfigurationProblem(key.Path, key.Value, NotA(target), Allowed(target, property)));
                return;
            }

            if (property is not null && Rule(property, value) is { } broken)
            {
                problems.Add(new ConfigurationProblem(key.Path, key.Value, broken, Allowed(target, property)));
            }

            return;
        }

        if (ElementOf(target) is { } element)
        {
            foreach (var item in key.GetChildren())
            {
                if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add(new ConfigurationProblem(item.Path, item.Value, $"{key.Path} is a list; its entries are numbered 0, 1, 2, ..."));
                    continue;
                }

                CheckValue(item, element, null, problems);
            }

            return;
        }

        if (!string.IsNullOrEmpty(key.Value) && !key.GetChildren().Any())
        {
            problems.Add(new ConfigurationProblem(key.Path, key.Value, "is a section, not a single value", string.Join(", ", Bindable(target).Values.Select(p => p.Name))));
            return;
        }

        CheckObject(key, target, problems);
    }

    /// <summary>A required text the configuration sets empty: checked where it is set, as the binder keeps the
    /// default otherwise.</summary>
    private static void CheckRequired(IConfigurationSection section, Type type, List<ConfigurationProblem> problems)
    {
        foreach (var property in Bindable(type).Values.Where(p => p.PropertyType == typeof(string) && p.GetCustomAttribute<RequiredAttribute>() is not null))
        {
            var key = section.GetSection(property.Name);
            if (key.Value is { } value && string.IsNullOrWhiteSpace(value) && key.Exists())
            {
                problems.Add(new ConfigurationProblem(key.Path, value, "is empty; a value is required"));
            }
        }
    }

    private static string? Rule(PropertyInfo property, object value)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range && !range.IsValid(value))
        {
            return "out of range";
        }

        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern && value is string text && text.Length > 0 && !pattern.IsValid(text))
        {
            return pattern.ErrorMessage is { } message ? $"does not fit: {message}" : $"does not match {pattern.Pattern}";
        }

        return null;
    }

    private static object? Convert(string text, Type type)
    {
        if (type == typeof(string))
        {
            return text;
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!) && !IsNumber(text) ? parsed : null;
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return null;
        }
    }

    private static bool IsNumber(string text) => text.Trim().All(c => char.IsAsciiDigit(c) || c == '-');

    private static string NotA(Type type) => type switch
    {
        _ when type == typeof(bool) => "not true or false",
        _ when type.IsEnum => "not one of the choices",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "not a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "not a number",
        _ when type == typeof(TimeSpan) => "not a time span (hh:mm:ss)",
        _ => $"not a {type.Name}",
    };

    private static string? Allowed(Type type, PropertyInfo? property)
    {
        if (property?.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{range.Minimum}..{range.Maximum}");
        }

        if (type.IsEnum)
        {
            return string.Join(", ", Enum.GetNames(type));
        }

        return type == typeof(bool) ? "true, false" : null;
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition && (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>The properties the binder sets: public, with a public setter.</summary>
    private static Dictionary<string, PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
}
