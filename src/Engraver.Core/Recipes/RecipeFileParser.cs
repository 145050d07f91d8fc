using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engraver.Core.Input;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Recipes;

/// <summary>Reads one recipe file strictly: one JSON object (camelCase, no comments, no trailing commas) with
/// name, material, laserMode, powerFraction, feedMmPerMin, passes, focusOffsetMm and, optionally, overrides. An
/// unknown or repeated property, a value of the wrong type, a missing field, a value out of range, a name that
/// is not the file's, and a recipe the firmware profile cannot burn are each reported with the file, line and
/// field, all of them, not only the first. Pure: bytes in, a recipe or errors out.</summary>
public static partial class RecipeFileParser
{
    /// <summary>A recipe file is a few hundred bytes; a larger one is refused before it is parsed.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public const int MaxPasses = 10;

    public const double MinFeedMmPerMin = 1;

    /// <summary>The feed a recipe may ask for when the firmware profile names no maximum.</summary>
    public const double MaxFeedMmPerMin = 20_000;

    public const double MaxFocusOffsetMm = 10;

    public const int MaxMaterialLength = 200;

    /// <summary>Override percentages a recipe may allow: GRBL's own override range, and always 100.</summary>
    public const int MinOverridePercent = 10;

    public const int MaxOverridePercent = 200;

    private static readonly string[] Required = ["name", "material", "laserMode", "powerFraction", "feedMmPerMin", "passes", "focusOffsetMm"];

    private static readonly string PropertyList = string.Join(", ", Required) + ", overrides and locations";

    public const int MaxLocations = 8;

    public const double MaxLocationOffsetMm = 20;

    /// <summary>Parses and checks <paramref name="bytes"/>, read from <paramref name="file"/> (its name without
    /// .json must be the recipe's name). With <paramref name="limits"/> the recipe is also checked against the
    /// firmware profile.</summary>
    public static RecipeFileResult Parse(string file, ReadOnlySpan<byte> bytes, RecipeLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(file);
        var draft = new Draft(file);
        if (bytes.Length > MaxFileBytes)
        {
            draft.Error(1, "file", $"is {bytes.Length} bytes; a recipe file is at most {MaxFileBytes} bytes");
            return draft.Result(null);
        }

        // A byte order mark is allowed, as editors on Windows write one.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var lines = new JsonLines(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 16 });
        try
        {
            ReadDocument(ref reader, lines, draft);
            if (draft.Readable && reader.Read())
            {
                draft.Error(lines.At(reader.TokenStartIndex), "json", "holds something after the recipe object");
            }
        }
        catch (JsonException e)
        {
            // What was read before the text stopped being JSON may be misread: the JSON error alone is told.
            draft.Errors.Clear();
            draft.Error((int)(e.LineNumber ?? 0) + 1, "json", $"not valid JSON: {e.Message}");
            return draft.Result(null);
        }

        if (!draft.Readable)
        {
            return draft.Result(null);
        }

        foreach (var missing in Required.Where(p => !draft.Lines.ContainsKey(p)))
        {
            draft.Error(draft.ObjectLine, missing, $"is missing; a recipe has {PropertyList}");
        }

        var recipe = draft.Errors.Count == 0 ? draft.ToRecipe() : null;
        if (recipe is not null)
        {
            CheckTexts(recipe, draft);
            if (limits is not null)
            {
                CheckLimits(recipe, limits, draft);
            }
        }

        return draft.Result(draft.Errors.Count == 0 ? recipe : null);
    }

    private static void ReadDocument(ref Utf8JsonReader reader, JsonLines lines, Draft draft)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            draft.Error(reader.TokenType == JsonTokenType.None ? 1 : lines.At(reader.TokenStartIndex), "json",
                $"a recipe file is one JSON object with {PropertyList}");
            draft.Readable = false;
            return;
        }

        draft.ObjectLine = lines.At(reader.TokenStartIndex);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var line = lines.At(reader.TokenStartIndex);
            reader.Read();
            if (!draft.Lines.TryAdd(name, line))
            {
                draft.Error(line, FreeText.Quote(name), $"appears twice (first on line {draft.Lines[name]})");
                reader.Skip();
                continue;
            }

            var value = new Value(lines.At(reader.TokenStartIndex), name);
            switch (name)
            {
                case "name":
                    draft.Name = value.String(ref reader, draft);
                    break;
                case "material":
                    draft.Material = value.String(ref reader, draft);
                    break;
                case "laserMode":
                    draft.LaserMode = value.String(ref reader, draft) switch
                    {
                        null => null,
                        "dynamic" => LaserMode.Dynamic,
                        "constant" => LaserMode.Constant,
                        var other => value.Refuse<LaserMode?>(draft, $"'{FreeText.Quote(other)}' is not a laser mode; give \"dynamic\" (M4, power follows the speed) or \"constant\" (M3)"),
                    };
                    break;
                case "powerFraction":
                    draft.PowerFraction = value.Number(ref reader, draft, min: 0, max: 1, minExclusive: true);
                    break;
                case "feedMmPerMin":
                    draft.FeedMmPerMin = value.Number(ref reader, draft, MinFeedMmPerMin, MaxFeedMmPerMin);
                    break;
                case "passes":
                    draft.Passes = value.Integer(ref reader, draft, 1, MaxPasses);
                    break;
                case "focusOffsetMm":
                    draft.FocusOffsetMm = value.Number(ref reader, draft, -MaxFocusOffsetMm, MaxFocusOffsetMm);
                    break;
                case "overrides":
                    draft.Overrides = ReadOverrides(ref reader, lines, value, draft);
                    break;
                case "locations":
                    draft.Locations = ReadLocations(ref reader, lines, value, draft);
                    break;
                default:
                    draft.Error(line, FreeText.Quote(name), $"unknown property; a recipe has {PropertyList}");
                    reader.Skip();
                    break;
            }
        }
    }

    /// <summary>{ "powerPercent": { "min", "max" }, "feedPercent": { "min", "max" } }; a range left out allows no
    /// override of that quantity.</summary>
    private static OverrideLimits? ReadOverrides(ref Utf8JsonReader reader, JsonLines lines, Value value, Draft draft)
    {
        if (!value.IsObject(ref reader, draft))
        {
            return null;
        }

        var power = PercentRange.None;
        var feed = PercentRange.None;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var line = lines.At(reader.TokenStartIndex);
            var field = "overrides." + FreeText.Quote(name);
            reader.Read();
            if (!seen.TryAdd(name, line))
            {
                draft.Error(line, field, $"appears twice (first on line {seen[name]})");
                reader.Skip();
                valid = false;
                continue;
            }

            if (name is not ("powerPercent" or "feedPercent"))
            {
                draft.Error(line, field, "unknown property; overrides has powerPercent and feedPercent");
                reader.Skip();
                valid = false;
                continue;
            }

            var range = ReadRange(ref reader, lines, new Value(lines.At(reader.TokenStartIndex), field), draft);
            valid &= range is not null;
            if (name == "powerPercent")
            {
                power = range ?? power;
            }
            else
            {
                feed = range ?? feed;
            }
        }

        return valid ? new OverrideLimits(power, feed) : null;
    }

    /// <summary>[ { "name", "offsetXMm", "offsetYMm", "rotationDeg"?, "pinProfile"?: { "tipDiameterMm"?,
    /// "characterHeightMm"?, "ringBandWidthMm"? }, "verification"?: { "minStrokeCoverage"?, "maxStrayMark"? } } ].</summary>
    private static List<MarkingLocation>? ReadLocations(ref Utf8JsonReader reader, JsonLines lines, Value value, Draft draft)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            value.Refuse<object>(draft, $"must be an array of locations, not {Describe(reader.TokenType)}");
            reader.Skip();
            return null;
        }

        var errors = draft.Errors.Count;
        var locations = new List<MarkingLocation>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = new Value(lines.At(reader.TokenStartIndex), $"locations[{index++}]");
            if (!item.IsObject(ref reader, draft))
            {
                continue;
            }

            var location = ReadLocation(ref reader, lines, item, draft);
            if (location is null)
            {
                continue;
            }

            if (!names.TryAdd(location.Name, item.Line))
            {
                draft.Error(item.Line, item.Field + ".name", $"'{location.Name}' is also the name of the location on line {names[location.Name]}; location names must differ");
                continue;
            }

            locations.Add(location);
        }

        if (index == 0 || index > MaxLocations)
        {
            value.Refuse<object>(draft, $"lists {index} locations; a recipe with locations lists 1 to {MaxLocations}");
        }

        return draft.Errors.Count == errors ? locations : null;
    }

    private static MarkingLocation? ReadLocation(ref Utf8JsonReader reader, JsonLines lines, Value item, Draft draft)
    {
        var errors = draft.Errors.Count;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? name = null;
        double? x = null, y = null, rotation = null, tip = null, height = null, band = null, coverage = null, stray = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            var line = lines.At(reader.TokenStartIndex);
            var field = $"{item.Field}.{FreeText.Quote(property)}";
            reader.Read();
            if (!seen.TryAdd(property, line))
            {
                draft.Error(line, field, $"appears twice (first on line {seen[property]})");
                reader.Skip();
                continue;
            }

            var value = new Value(lines.At(reader.TokenStartIndex), field);
            switch (property)
            {
                case "name":
                    name = value.String(ref reader, draft);
                    if (name is not null && !NamePattern().IsMatch(name))
                    {
                        name = value.Refuse<string>(draft, $"'{FreeText.Quote(name)}' is not a location name: use 1-{InputLimits.MaxIdLength} letters, digits, '.', '_' or '-'");
                    }

                    break;
                case "offsetXMm":
                    x = value.Number(ref reader, draft, -MaxLocationOffsetMm, MaxLocationOffsetMm);
                    break;
                case "offsetYMm":
                    y = value.Number(ref reader, draft, -MaxLocationOffsetMm, MaxLocationOffsetMm);
                    break;
                case "rotationDeg":
                    rotation = value.Number(ref reader, draft, -360, 360);
                    break;
                case "pinProfile":
                    (tip, height, band) = ReadPinProfile(ref reader, lines, value, draft);
                    break;
                case "verification":
                    (coverage, stray) = ReadVerification(ref reader, lines, value, draft);
                    break;
                default:
                    draft.Error(line, field, "unknown property; a location has name, offsetXMm, offsetYMm, rotationDeg, pinProfile and verification");
                    reader.Skip();
                    break;
            }
        }

        foreach (var missing in new[] { "name", "offsetXMm", "offsetYMm" }.Where(p => !seen.ContainsKey(p)))
        {
            draft.Error(item.Line, $"{item.Field}.{missing}", "is missing; a location has name, offsetXMm and offsetYMm (rotationDeg, pinProfile and verification may be left out)");
        }

        if (draft.Errors.Count != errors)
        {
            return null;
        }

        var pin = PinProfile.Default with
        {
            TipDiameterMm = tip ?? PinProfile.Default.TipDiameterMm,
            CharacterHeightMm = height ?? PinProfile.Default.CharacterHeightMm,
            RingBandWidthMm = band ?? PinProfile.Default.RingBandWidthMm,
        };
        if (pin.UsableRadiusMm <= pin.MarginMm)
        {
            draft.Error(seen.GetValueOrDefault("pinProfile", item.Line), item.Field + ".pinProfile", "leaves no room for text: the ring band takes the whole tip");
            return null;
        }

        return new MarkingLocation(name!, new Geometry.Point2(x!.Value, y!.Value), rotation ?? 0, pin) { MinStrokeCoverage = coverage, MaxStrayMark = stray };
    }

    private static (double? Tip, double? Height, double? Band) ReadPinProfile(ref Utf8JsonReader reader, JsonLines lines, Value value, Draft draft)
    {
        double? tip = null, height = null, band = null;
        if (!value.IsObject(ref reader, draft))
        {
            return (tip, height, band);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            var field = $"{value.Field}.{FreeText.Quote(property)}";
            var line = lines.At(reader.TokenStartIndex);
            reader.Read();
            var inner = new Value(lines.At(reader.TokenStartIndex), field);
            switch (property)
            {
                case "tipDiameterMm":
                    tip = inner.Number(ref reader, draft, 0.5, 10);
                    break;
                case "characterHeightMm":
                    height = inner.Number(ref reader, draft, 0.03, 1);
                    break;
                case "ringBandWidthMm":
                    band = inner.Number(ref reader, draft, 0.05, 2);
                    break;
                default:
                    draft.Error(line, field, "unknown property; a location's pinProfile has tipDiameterMm, characterHeightMm and ringBandWidthMm");
                    reader.Skip();
                    break;
            }
        }

        return (tip, height, band);
    }

    private static (double? Coverage, double? Stray) ReadVerification(ref Utf8JsonReader reader, JsonLines lines, Value value, Draft draft)
    {
        double? coverage = null, stray = null;
        if (!value.IsObject(ref reader, draft))
        {
            return (coverage, stray);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            var field = $"{value.Field}.{FreeText.Quote(property)}";
            var line = lines.At(reader.TokenStartIndex);
            reader.Read();
            var inner = new Value(lines.At(reader.TokenStartIndex), field);
            switch (property)
            {
                case "minStrokeCoverage":
                    coverage = inner.Number(ref reader, draft, 0, 1, minExclusive: true);
                    break;
                case "maxStrayMark":
                    stray = inner.Number(ref reader, draft, 0, 1);
                    break;
                default:
                    draft.Error(line, field, "unknown property; a location's verification has minStrokeCoverage and maxStrayMark");
                    reader.Skip();
                    break;
            }
        }

        return (coverage, stray);
    }

    private static PercentRange? ReadRange(ref Utf8JsonReader reader, JsonLines lines, Value value, Draft draft)
    {
        if (!value.IsObject(ref reader, draft))
        {
            return null;
        }

        int? min = null;
        int? max = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = draft.Errors.Count;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var line = lines.At(reader.TokenStartIndex);
            var field = $"{value.Field}.{FreeText.Quote(name)}";
            reader.Read();
            if (!seen.TryAdd(name, line))
            {
                draft.Error(line, field, $"appears twice (first on line {seen[name]})");
                reader.Skip();
                continue;
            }

            var bound = new Value(lines.At(reader.TokenStartIndex), field);
            switch (name)
            {
                case "min":
                    min = bound.Integer(ref reader, draft, MinOverridePercent, 100);
                    break;
                case "max":
                    max = bound.Integer(ref reader, draft, 100, MaxOverridePercent);
                    break;
                default:
                    draft.Error(line, field, "unknown property; a percent range has min and max");
                    reader.Skip();
                    break;
            }
        }

        foreach (var missing in new[] { ("min", min), ("max", max) }.Where(b => b.Item2 is null && !seen.ContainsKey(b.Item1)))
        {
            draft.Error(value.Line, $"{value.Field}.{missing.Item1}", $"is missing; a percent range has min ({MinOverridePercent}..100) and max (100..{MaxOverridePercent})");
        }

        return draft.Errors.Count == errors && min is { } low && max is { } high ? new PercentRange(low, high) : null;
    }

    private static void CheckTexts(Recipe recipe, Draft draft)
    {
        if (FreeText.Problem(recipe.Material, new TextField("material", MaxMaterialLength)) is { } badMaterial)
        {
            draft.Error(draft.Lines["material"], "material", badMaterial);
        }

        var line = draft.Lines["name"];
        if (!NamePattern().IsMatch(recipe.Name))
        {
            draft.Error(line, "name", $"'{FreeText.Quote(recipe.Name)}' is not a recipe name: use 1-{InputLimits.MaxIdLength} letters, digits, '.', '_' or '-', not starting with '.'");
            return;
        }

        var stem = FileStem(draft.File);
        if (!string.Equals(stem, recipe.Name, StringComparison.Ordinal))
        {
            draft.Error(line, "name", $"is '{recipe.Name}' but the file is named '{Path.GetFileName(draft.File)}': a recipe's file is its name and .json (rename the file to {recipe.Name}.json, or the name to {stem})");
        }

    }

    /// <summary>The firmware profile's limits: the power must give an S above the profile's lowest (else nothing
    /// burns), and the feed, overrides included, must stay within the profile's highest feed.</summary>
    private static void CheckLimits(Recipe recipe, RecipeLimits limits, Draft draft)
    {
        var laser = limits.Laser;
        var s = laser.ScalePower(recipe.PowerFraction);
        if (s <= laser.PowerMin)
        {
            draft.Error(draft.Lines["powerFraction"], "powerFraction", Invariant(
                $"{recipe.PowerFraction} gives S{s} on {limits.Firmware} (S {laser.PowerMin}..{laser.PowerMax}): the laser would not burn"));
        }

        var power = recipe.OverrideLimits.Power;
        if (recipe.PowerFraction * power.Max / 100.0 > 1.0 + 1e-9)
        {
            draft.Error(draft.Lines.GetValueOrDefault("overrides", draft.Lines["powerFraction"]), "overrides.powerPercent.max", Invariant(
                $"{power.Max}% of powerFraction {recipe.PowerFraction} is above the full power of {limits.Firmware} (S{laser.PowerMax}); allow at most {Math.Floor(100.0 / recipe.PowerFraction)}%"));
        }

        if (limits.MaxFeedMmPerMin is { } maxFeed)
        {
            if (recipe.FeedMmPerMin > maxFeed)
            {
                draft.Error(draft.Lines["feedMmPerMin"], "feedMmPerMin", Invariant(
                    $"{recipe.FeedMmPerMin} mm/min is above the {limits.Firmware} profile's maximum feed of {maxFeed} mm/min"));
            }
            else if (recipe.FeedMmPerMin * recipe.OverrideLimits.Feed.Max / 100.0 > maxFeed)
            {
                draft.Error(draft.Lines.GetValueOrDefault("overrides", draft.Lines["feedMmPerMin"]), "overrides.feedPercent.max", Invariant(
                    $"{recipe.OverrideLimits.Feed.Max}% of {recipe.FeedMmPerMin} mm/min is above the {limits.Firmware} profile's maximum feed of {maxFeed} mm/min"));
            }
        }
    }

    /// <summary>The file's name without its folder and without .json: the name the recipe must have.</summary>
    public static string FileStem(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    /// <summary>A property's value where it starts, and how to read it as what the format wants.</summary>
    private readonly record struct Value(int Line, string Field)
    {
        public string? String(ref Utf8JsonReader reader, Draft draft)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString()!;
            }

            Wrong(ref reader, draft, "a string");
            return null;
        }

        public double? Number(ref Utf8JsonReader reader, Draft draft, double min, double max, bool minExclusive = false)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                Wrong(ref reader, draft, "a number");
                return null;
            }

            var range = Invariant($"{(minExclusive ? "above" : "from")} {min} {(minExclusive ? "and at most" : "to")} {max}");
            if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                return Refuse<double?>(draft, $"is not a number this station can use; give a number {range}");
            }

            return (minExclusive ? number <= min : number < min) || number > max
                ? Refuse<double?>(draft, Invariant($"{number} is out of range; give a number {range}"))
                : number;
        }

        public int? Integer(ref Utf8JsonReader reader, Draft draft, int min, int max)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                Wrong(ref reader, draft, "a whole number");
                return null;
            }

            return reader.TryGetInt32(out var number) && number >= min && number <= max
                ? number
                : Refuse<int?>(draft, Invariant($"{Raw(ref reader)} is not a whole number from {min} to {max}"));
        }

        public bool IsObject(ref Utf8JsonReader reader, Draft draft)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                return true;
            }

            Wrong(ref reader, draft, "an object");
            return false;
        }

        public T? Refuse<T>(Draft draft, string message)
        {
            draft.Error(Line, Field, message);
            return default;
        }

        private void Wrong(ref Utf8JsonReader reader, Draft draft, string what)
        {
            draft.Error(Line, Field, $"must be {what}, not {Describe(reader.TokenType)}");
            reader.Skip();
        }

        /// <summary>The number as written (at most 32 characters of it), for the message.</summary>
        private static string Raw(ref Utf8JsonReader reader)
        {
            var text = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
            return text.Length > 32 ? text[..32] + "..." : text;
        }
    }

    /// <summary>What has been read so far, each property's line, and every problem found.</summary>
    private sealed class Draft(string file)
    {
        public string File { get; } = file;

        public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

        public List<RecipeFileError> Errors { get; } = [];

        public bool Readable { get; set; } = true;

        public int ObjectLine { get; set; } = 1;

        public string? Name { get; set; }

        public string? Material { get; set; }

        public LaserMode? LaserMode { get; set; }

        public double? PowerFraction { get; set; }

        public double? FeedMmPerMin { get; set; }

        public int? Passes { get; set; }

        public double? FocusOffsetMm { get; set; }

        public OverrideLimits? Overrides { get; set; }

        public List<MarkingLocation>? Locations { get; set; }

        public void Error(int line, string field, string message) => Errors.Add(new RecipeFileError(File, line, field, message));

        public Recipe ToRecipe() => new(Name!, PowerFraction!.Value, FeedMmPerMin!.Value, Passes!.Value)
        {
            Material = Material!,
            LaserMode = LaserMode!.Value,
            FocusOffsetMm = FocusOffsetMm!.Value,
            OverrideLimits = Overrides ?? OverrideLimits.None,
            Locations = Locations ?? [],
        };

        public RecipeFileResult Result(Recipe? recipe) => new(recipe, new Dictionary<string, int>(Lines, StringComparer.Ordinal), [.. Errors]);
    }
}

/// <summary>A recipe file read: the recipe (null when any problem was found), the line of each property, and the problems.</summary>
public sealed record RecipeFileResult(Recipe? Recipe, IReadOnlyDictionary<string, int> Lines, IReadOnlyList<RecipeFileError> Errors);
