using Engraver.Core.Calibration;

namespace Engraver.Core.Tests.Calibration;

public class CameraCalibrationTests
{
    private static readonly CameraCalibration Sample = new(
        40.04, 0.03, 0.00204, 0.8, -4.7, 0.0001, 0.0002, 16, new DateTimeOffset(2026, 11, 30, 7, 15, 0, TimeSpan.Zero), "sue");

    [Fact]
    public void A_written_calibration_reads_back_with_the_same_id()
    {
        var read = CameraCalibration.Parse(Sample.ToJson(), "calibration.json");

        Assert.Equal(Sample, read);
        Assert.Equal(Sample.Id, read.Id);
        Assert.StartsWith("20261130-", read.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_calibrations_of_one_day_have_different_ids()
    {
        Assert.NotEqual(Sample.Id, (Sample with { OffsetXMm = 40.041 }).Id);
    }

    [Theory]
    [InlineData("millimetresPerPixel", "\"fine\"", "field millimetresPerPixel: not a number")]
    [InlineData("millimetresPerPixel", "0", "field millimetresPerPixel: 0 is outside 0.0001..1")]
    [InlineData("calibratedAt", "\"yesterday\"", "field calibratedAt: \"yesterday\" is not a UTC time")]
    [InlineData("offsetXMm", "40.05", "field id: ")]
    public void A_bad_field_is_named_with_the_file(string field, string value, string expected)
    {
        var json = System.Text.RegularExpressions.Regex.Replace(Sample.ToJson(), $"\"{field}\": [^,\\n]+", $"\"{field}\": {value}");

        var refused = Assert.Throws<CameraCalibrationException>(() => CameraCalibration.Parse(json, "/data/calibration.json"));

        Assert.StartsWith("Camera:CalibrationFile /data/calibration.json: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_or_a_file_that_is_not_json_is_named()
    {
        Assert.Contains("field focusZMm: missing", Assert.Throws<CameraCalibrationException>(
            () => CameraCalibration.Parse(Sample.ToJson().Replace("\"focusZMm\"", "\"focus\"", StringComparison.Ordinal), "c.json")).Message, StringComparison.Ordinal);
        Assert.Contains("field (file): not JSON", Assert.Throws<CameraCalibrationException>(
            () => CameraCalibration.Parse("{ offset", "c.json")).Message, StringComparison.Ordinal);
    }
}
