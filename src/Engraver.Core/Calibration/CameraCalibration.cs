using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engraver.Core.Geometry;

namespace Engraver.Core.Calibration;

/// <summary>A measured camera geometry and focus height: what `engraver calibrate` writes and the service runs under.
/// <see cref="Id"/> names it in every pin record: the calibration date and the first 8 hex digits of the SHA-256
/// of the file's other fields, so two calibrations never share an id and an edited file shows.</summary>
public sealed record CameraCalibration(
    double OffsetXMm,
    double OffsetYMm,
    double MillimetresPerPixel,
    double RotationDeg,
    double FocusZMm,
    double ResidualRmsMm,
    double ResidualMaxMm,
    int Dots,
    DateTimeOffset CalibratedAt,
    string CalibratedBy)
{
    public Point2 OffsetMm => new(OffsetXMm, OffsetYMm);

    /// <summary>"20261130-1a2b3c4d": the date and a short hash of the content.</summary>
    public string Id => CalibratedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + ContentHash()[..8];

    public string ToJson()
    {
        var node = ContentNode();
        node.Insert(0, "id", Id);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Reads a calibration file's text. Throws <see cref="CameraCalibrationException"/> naming the file and the
    /// first field that is missing or wrong (and an id that does not match the content: the file was edited).</summary>
    public static CameraCalibration Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new CameraCalibrationException(path, "(file)", "not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CameraCalibrationException(path, "(file)", $"not JSON ({e.Message})");
        }

        var calibration = new CameraCalibration(
            Number(root, path, "offsetXMm", -500, 500),
            Number(root, path, "offsetYMm", -500, 500),
            Number(root, path, "millimetresPerPixel", 0.0001, 1),
            Number(root, path, "rotationDeg", -45, 45),
            Number(root, path, "focusZMm", -1000, 1000),
            Number(root, path, "residualRmsMm", 0, 1),
            Number(root, path, "residualMaxMm", 0, 1),
            (int)Number(root, path, "dots", CameraFit.MinimumSightings, 10000),
            Date(root, path, "calibratedAt"),
            Text(root, path, "calibratedBy"));
        var id = Text(root, path, "id");
        if (id != calibration.Id)
        {
            throw new CameraCalibrationException(path, "id", $"\"{id}\" does not match the content (its id is {calibration.Id}): the file was changed after it was written; calibrate again");
        }

        return calibration;
    }

    private JsonObject ContentNode() => new()
    {
        ["offsetXMm"] = Math.Round(OffsetXMm, 6),
        ["offsetYMm"] = Math.Round(OffsetYMm, 6),
        ["millimetresPerPixel"] = Math.Round(MillimetresPerPixel, 9),
        ["rotationDeg"] = Math.Round(RotationDeg, 5),
        ["focusZMm"] = Math.Round(FocusZMm, 4),
        ["residualRmsMm"] = Math.Round(ResidualRmsMm, 6),
        ["residualMaxMm"] = Math.Round(ResidualMaxMm, 6),
        ["dots"] = Dots,
        ["calibratedAt"] = CalibratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["calibratedBy"] = CalibratedBy,
    };

    private string ContentHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ContentNode().ToJsonString())));

    /// <summary>The values as written (rounded), so a calibration read back has the id it was written with.</summary>
    public CameraCalibration Rounded() => this with
    {
        OffsetXMm = Math.Round(OffsetXMm, 6),
        OffsetYMm = Math.Round(OffsetYMm, 6),
        MillimetresPerPixel = Math.Round(MillimetresPerPixel, 9),
        RotationDeg = Math.Round(RotationDeg, 5),
        FocusZMm = Math.Round(FocusZMm, 4),
        ResidualRmsMm = Math.Round(ResidualRmsMm, 6),
        ResidualMaxMm = Math.Round(ResidualMaxMm, 6),
        CalibratedAt = new DateTimeOffset(CalibratedAt.UtcDateTime.Ticks - (CalibratedAt.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
    };

    private static double Number(JsonObject root, string path, string field, double min, double max)
    {
        if (root[field] is not JsonValue value || !value.TryGetValue<double>(out var number))
        {
            throw new CameraCalibrationException(path, field, root[field] is null ? "missing" : "not a number");
        }

        if (!double.IsFinite(number) || number < min || number > max)
        {
            throw new CameraCalibrationException(path, field, string.Create(CultureInfo.InvariantCulture, $"{number} is outside {min}..{max}"));
        }

        return number;
    }

    private static string Text(JsonObject root, string path, string field)
    {
        if (root[field] is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
        {
            throw new CameraCalibrationException(path, field, root[field] is null ? "missing" : "not a non-empty text");
        }

        return text;
    }

    private static DateTimeOffset Date(JsonObject root, string path, string field)
    {
        var text = Text(root, path, field);
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new CameraCalibrationException(path, field, $"\"{text}\" is not a UTC time like 2026-11-30T07:15:00Z");
    }
}

/// <summary>A calibration file that cannot be used: the file, the field and what is wrong, in one line.</summary>
public sealed class CameraCalibrationException(string path, string field, string problem)
    : Exception($"Camera:CalibrationFile {path}: field {field}: {problem}")
{
    public string Path { get; } = path;

    public string Field { get; } = field;
}
