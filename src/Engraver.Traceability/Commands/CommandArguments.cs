using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Engraver.Traceability.Commands;

/// <summary>Command arguments as canonical JSON text: one compact object, keys in ordinal order, so the same
/// arguments always give the same text (and the same hash).</summary>
public static class CommandArguments
{
    public const string None = "{}";

    /// <summary>The canonical text of the named values: strings, integers, finite doubles, booleans or null.</summary>
    public static string From(IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                WriteValue(writer, key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>True when <paramref name="text"/> is one JSON object.</summary>
    public static bool IsObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            default:
                throw new ArgumentException($"Command argument '{key}' must be a string, an integer, a finite number, true/false or null, not {value}.", nameof(value));
        }
    }
}
