using System.Globalization;
using System.Text.Json;

namespace Engraver.Core.Firmware;

/// <summary>Reads a firmware profile from JSON text. Every problem names the source and the key.</summary>
public static class FirmwareProfileParser
{
    public static FirmwareProfile Parse(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FirmwareProfileException($"{sourceName}: not valid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }

        using (document)
        {
            var reader = new Reader(document.RootElement, sourceName);
            var laser = reader.Object("laser");
            var profile = new FirmwareProfile
            {
                Name = reader.String("name"),
                BannerPrefix = reader.String("bannerPrefix"),
                LineEnding = reader.String("lineEnding"),
                RxBufferBytes = reader.Int("rxBufferBytes", min: 16, max: 1 << 20),
                PlannerBlocks = reader.Int("plannerBlocks", min: 1, max: 1024),
                MaxLineLength = new LineLimit(
                    reader.Int("maxLineLength", min: 16, max: 1 << 16),
                    reader.Has("lineLengthCountsComments") && reader.Bool("lineLengthCountsComments")),
                Streaming = reader.Enum<StreamingMode>("streaming"),
                Laser = new LaserCommands(
                    laser.String("onCommand"),
                    laser.String("offCommand"),
                    laser.Int("powerMin", min: 0, max: 1_000_000),
                    laser.Int("powerMax", min: 1, max: 1_000_000))
                {
                    ConstantOnCommand = laser.Has("constantCommand") ? laser.String("constantCommand") : "M3",
                },
                RequiredSettings = reader.StringMap("requiredSettings"),
                SettingsPolicy = reader.Has("settingsPolicy") ? reader.Enum<SettingsPolicy>("settingsPolicy") : SettingsPolicy.Verify,
                MaxFeedMmPerMin = reader.Has("maxFeedMmPerMin") ? reader.Int("maxFeedMmPerMin", min: 1, max: 1_000_000) : null,
                Axes = reader.Has("axes") ? reader.Int("axes", min: 1, max: 9) : 3,
                Errors = reader.CodeTable("errors"),
                Alarms = reader.CodeTable("alarms"),
            };
            if (profile.Laser.PowerMax <= profile.Laser.PowerMin)
            {
                throw new FirmwareProfileException($"{sourceName}: laser.powerMax must be greater than laser.powerMin.");
            }

            return profile;
        }
    }

    private readonly struct Reader(JsonElement element, string path)
    {
        public string String(string key)
        {
            var value = Required(key, JsonValueKind.String).GetString()!;
            return value.Length > 0 ? value : throw Bad(key, "must not be empty");
        }

        public int Int(string key, int min, int max)
        {
            var value = Required(key, JsonValueKind.Number);
            if (!value.TryGetInt32(out var number) || number < min || number > max)
            {
                throw Bad(key, $"must be a whole number from {min} to {max}");
            }

            return number;
        }

        public bool Bool(string key)
        {
            var value = element.GetProperty(key);
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Bad(key, "must be true or false"),
            };
        }

        public T Enum<T>(string key)
            where T : struct, Enum
        {
            var text = String(key);
            return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
                ? value
                : throw Bad(key, $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}");
        }

        public bool Has(string key) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out _);

        public Reader Object(string key) => new(Required(key, JsonValueKind.Object), $"{path}.{key}");

        public IReadOnlyDictionary<string, string> StringMap(string key)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in Required(key, JsonValueKind.Object).EnumerateObject())
            {
                map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw Bad($"{key}.{property.Name}", "must be a string");
            }

            return map;
        }

        public IReadOnlyDictionary<int, string> CodeTable(string key)
        {
            var table = new Dictionary<int, string>();
            foreach (var property in Required(key, JsonValueKind.Object).EnumerateObject())
            {
                if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                {
                    throw Bad($"{key}.{property.Name}", "is not a numeric code");
                }

                table[code] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw Bad($"{key}.{property.Name}", "must be a string");
            }

            return table;
        }

        private JsonElement Required(string key, JsonValueKind kind)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out var value))
            {
                throw Bad(key, "is missing");
            }

            return value.ValueKind == kind ? value : throw Bad(key, $"must be a JSON {kind.ToString().ToLowerInvariant()}");
        }

        private FirmwareProfileException Bad(string key, string problem) => new($"{path}: '{key}' {problem}.");
    }
}

public sealed class FirmwareProfileException(string message, Exception? inner = null) : Exception(message, inner);
