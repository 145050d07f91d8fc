using System.Globalization;
using System.Text;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Traceability.Tests;

public sealed class CanonicalEncodingTests
{
    [Fact]
    public void Fixed_record_encodes_to_the_documented_text()
    {
        var expected =
            "engraver-pin-record/1\n" +
            "serial=9:SN-000123\n" +
            "make=9:Acme Arms\n" +
            "model=12:P-10 Compact\n" +
            "job_id=13:job-2024-0042\n" +
            "station=9:station-1\n" +
            "operator=12:Zoë Müller\n" +
            "pin_lot=6:LOT-77\n" +
            "slot=2:12\n" +
            "attempt=1:1\n" +
            "firmware=8:grbl-1.1\n" +
            "firmware_banner=24:Grbl 1.1h ['$' for help]\n" +
            "recipe_name=9:tip-1.6mm\n" +
            "power_fraction=19:0.30000000000000004\n" +
            "feed_mm_per_min=18:0.3333333333333333\n" +
            "passes=1:2\n" +
            $"toolpath_sha256=64:{new string('a', 64)}\n" +
            "stroke_coverage=11:0.987654321\n" +
            "stray_mark=6:1E-300\n" +
            "grade=1:A\n" +
            "evidence_path=27:evidence/2024/SN-000123.png\n" +
            $"evidence_sha256=64:{new string('b', 64)}\n" +
            "outcome=8:Verified\n" +
            "reason=null\n" +
            "started_at=28:2024-05-06T07:30:15.1234567Z\n" +
            "finished_at=28:2024-05-06T07:31:00.0000001Z\n";

        var encoded = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Full));

        Assert.Equal(expected, encoded);
    }

    [Fact]
    public void Every_field_of_version_one_appears_once_in_the_documented_order()
    {
        var lines = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Minimal("SN-1"))).Split('\n');

        var names = lines.Skip(1).Where(l => l.Length > 0).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]);

        Assert.Equal(CanonicalEncoding.FieldOrder.Take(CanonicalEncoding.VersionOneFieldCount), names);
        Assert.Equal(25, CanonicalEncoding.VersionOneFieldCount);
    }

    [Fact]
    public void Record_naming_simulated_devices_is_version_two_with_the_field_last()
    {
        var production = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Full));

        var simulated = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Full with { SimulatedDevices = "controller, camera, io" }));

        var expected = "engraver-pin-record/2\n" + production["engraver-pin-record/1\n".Length..] + "simulated_devices=22:controller, camera, io\n";
        Assert.Equal(expected, simulated);
        var names = simulated.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]);
        Assert.Equal(CanonicalEncoding.FieldOrder.Take(CanonicalEncoding.VersionTwoFieldCount), names);
    }

    [Theory]
    [InlineData("recipe_sha256")]
    [InlineData("calibration")]
    [InlineData("overrides")]
    [InlineData("locations")]
    public void Record_stating_a_version_three_field_is_version_three_with_all_four_after_simulated_devices(string stated)
    {
        var production = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Full));
        var record = stated switch
        {
            "recipe_sha256" => SampleRecords.Full with { RecipeSha256 = "ab12" },
            "calibration" => SampleRecords.Full with { Calibration = "ab12" },
            "overrides" => SampleRecords.Full with { Overrides = "ab12" },
            _ => SampleRecords.Full with { Locations = "ab12" },
        };

        var encoded = Encoding.UTF8.GetString(CanonicalEncoding.Encode(record));

        var tail = string.Concat(new[] { "recipe_sha256", "calibration", "overrides", "locations" }
            .Select(name => name == stated ? $"{name}=4:ab12\n" : $"{name}=null\n"));
        var expected = "engraver-pin-record/3\n" + production["engraver-pin-record/1\n".Length..] + "simulated_devices=null\n" + tail;
        Assert.Equal(expected, encoded);
    }

    [Fact]
    public void Each_version_three_field_changes_the_bytes_when_its_value_changes()
    {
        var full = SampleRecords.Full with
        {
            SimulatedDevices = "controller", RecipeSha256 = "r", Calibration = "c", Overrides = "o", Locations = "l",
        };
        var variants = new[]
        {
            full, full with { RecipeSha256 = "r2" }, full with { Calibration = "c2" }, full with { Overrides = "o2" },
            full with { Locations = "l2" }, full with { SimulatedDevices = null },
        };

        var encodings = variants.Select(r => Convert.ToHexString(CanonicalEncoding.Encode(r))).ToList();

        Assert.Equal(encodings.Count, encodings.Distinct().Count());
        Assert.All(encodings, e => Assert.StartsWith(Convert.ToHexString("engraver-pin-record/3\n"u8), e, StringComparison.Ordinal));
    }

    [Fact]
    public void Record_without_simulated_devices_keeps_the_version_one_encoding()
    {
        var encoded = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Full with { SimulatedDevices = null }));

        Assert.StartsWith("engraver-pin-record/1\n", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated_devices", encoded, StringComparison.Ordinal);
        Assert.EndsWith("finished_at=28:2024-05-06T07:31:00.0000001Z\n", encoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_simulated_devices_encode_apart_from_missing_ones()
    {
        var missing = CanonicalEncoding.Encode(SampleRecords.Full);
        var empty = CanonicalEncoding.Encode(SampleRecords.Full with { SimulatedDevices = "" });

        Assert.NotEqual(missing, empty);
        Assert.EndsWith("simulated_devices=0:\n", Encoding.UTF8.GetString(empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_devices_with_a_lone_surrogate_are_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => CanonicalEncoding.Encode(SampleRecords.Full with { SimulatedDevices = "camera\udc00" }));

        Assert.Contains("simulated_devices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_value_and_the_text_null_encode_differently()
    {
        var missing = CanonicalEncoding.Encode(SampleRecords.Full with { Reason = null });
        var word = CanonicalEncoding.Encode(SampleRecords.Full with { Reason = "null" });

        Assert.NotEqual(missing, word);
        Assert.Contains("reason=4:null\n", Encoding.UTF8.GetString(word), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_holding_separators_cannot_pass_for_the_next_field()
    {
        var shifted = SampleRecords.Full with { Make = "Acme\nmodel=3:Arm", Model = "P" };
        var plain = SampleRecords.Full with { Make = "Acme", Model = "Arm\nmodel=1:P" };

        Assert.NotEqual(CanonicalEncoding.Encode(shifted), CanonicalEncoding.Encode(plain));
    }

    [Fact]
    public void Same_instant_in_different_offsets_encodes_alike()
    {
        var instant = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var utc = SampleRecords.Full with { StartedAt = instant };
        var local = SampleRecords.Full with { StartedAt = instant.ToOffset(TimeSpan.FromHours(-7)) };

        Assert.Equal(CanonicalEncoding.Encode(utc), CanonicalEncoding.Encode(local));
    }

    [Fact]
    public void Negative_zero_encodes_as_zero()
    {
        var encoded = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Full with { StrayMark = -0.0 }));

        Assert.Contains("stray_mark=1:0\n", encoded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_power_is_refused_naming_the_field(double power)
    {
        var error = Assert.Throws<ArgumentException>(() => CanonicalEncoding.Encode(SampleRecords.Full with { PowerFraction = power }));

        Assert.Contains("power_fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_required_text_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => CanonicalEncoding.Encode(SampleRecords.Full with { PinLot = null! }));

        Assert.Contains("pin_lot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_outcome_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CanonicalEncoding.Encode(SampleRecords.Full with { Outcome = (PinOutcome)42 }));

        Assert.Contains("outcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => CanonicalEncoding.Encode(SampleRecords.Full with { Grade = "A\ud800" }));

        Assert.Contains("grade", error.Message, StringComparison.Ordinal);
    }

    [Property]
    public bool Real_values_encode_to_text_that_parses_back_to_the_same_double(NormalFloat value)
    {
        var encoded = Encoding.UTF8.GetString(CanonicalEncoding.Encode(SampleRecords.Full with { FeedMmPerMin = value.Get }));
        var line = encoded.Split('\n').Single(l => l.StartsWith("feed_mm_per_min=", StringComparison.Ordinal));
        var text = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..];

        return double.Parse(text, CultureInfo.InvariantCulture) == value.Get;
    }

    [Property]
    public Property Records_differing_in_one_text_encode_differently(NonNull<string> first, NonNull<string> second)
    {
        var a = SampleRecords.Full with { Operator = first.Get };
        var b = SampleRecords.Full with { Operator = second.Get };
        var valid = WellFormedText.Check(first.Get) && WellFormedText.Check(second.Get) && first.Get != second.Get;

        return (!CanonicalEncoding.Encode(a).SequenceEqual(CanonicalEncoding.Encode(b))).When(valid);
    }
}
