using System.Globalization;
using System.Text;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Chain;

/// <summary>
/// The one byte form of a <see cref="PinRecord"/> that the hash chain is computed over. Every store
/// (SQLite, PostgreSQL, an export file) re-encodes its rows through this class, so a row hashes the
/// same wherever it lives. Changing anything here breaks every existing chain: a new format needs a
/// new header version, never an edit of an existing one.
/// </summary>
/// <remarks>
/// Format "engraver-pin-record/1", all of it UTF-8, no byte order mark:
/// <code>
/// engraver-pin-record/1\n
/// &lt;field&gt;=&lt;value&gt;\n            one line per field, in the order of <see cref="FieldOrder"/>
/// </code>
/// A value is either <c>null</c> (the field has no value) or <c>&lt;n&gt;:&lt;text&gt;</c>, where
/// &lt;n&gt; is the decimal count of UTF-8 bytes in &lt;text&gt;. The length prefix makes the format
/// unambiguous whatever a text holds (newlines, '=', the word "null"), because a reader never has to
/// search for a delimiter inside a value.
/// Texts by kind, all culture-invariant:
/// <list type="bullet">
/// <item>string: the characters exactly as given (no trimming, no Unicode normalisation).</item>
/// <item>integer: decimal digits with a leading '-' when negative.</item>
/// <item>real: the shortest text that parses back to the same double ("R"); negative zero is written
/// "0" (it equals zero, and SQLite does not keep the sign); NaN and infinities are refused.</item>
/// <item>timestamp: the UTC instant as yyyy-MM-ddTHH:mm:ss.fffffffZ (seven fraction digits, one tick);
/// the original offset is not part of the record, only the instant.</item>
/// <item>outcome: the <see cref="PinOutcome"/> member name.</item>
/// </list>
/// Format "engraver-pin-record/2" is version 1 with the header "engraver-pin-record/2" and one more line
/// after finished_at: <c>simulated_devices=&lt;n&gt;:&lt;text&gt;</c>. A record is encoded in version 2
/// exactly when <see cref="PinRecord.SimulatedDevices"/> is not null, and in version 1 otherwise. The
/// encoding stays a function of the record alone: rows written before the field existed (and production
/// rows since) keep their version 1 bytes and verify unchanged, with no version kept per row, and an
/// export re-hashes without knowing any schema. Setting or clearing the field of a stored row changes its
/// header and its bytes, so the hash no longer matches; an empty text is still version 2, apart from null.
/// Format "engraver-pin-record/3" is version 2 with the header "engraver-pin-record/3" and four more lines after
/// simulated_devices: <c>recipe_sha256</c>, <c>calibration</c>, <c>overrides</c>, <c>locations</c> (each a
/// value or null; simulated_devices may then be null too). A record is encoded in version 3 exactly when one of
/// those four is not null; records that name none of them keep their version 1 or 2 bytes.
/// </remarks>
public static class CanonicalEncoding
{
    /// <summary>The header of a record that names no simulated device.</summary>
    public const string VersionOneHeader = "engraver-pin-record/1";

    /// <summary>The header of a record that names its simulated devices (the field simulated_devices).</summary>
    public const string VersionTwoHeader = "engraver-pin-record/2";

    /// <summary>The header of a record that names its recipe file, calibration, overrides or locations.</summary>
    public const string VersionThreeHeader = "engraver-pin-record/3";

    /// <summary>How many fields of <see cref="FieldOrder"/> version 1 holds.</summary>
    public const int VersionOneFieldCount = 25;

    /// <summary>How many fields of <see cref="FieldOrder"/> version 2 holds; version 3 holds them all.</summary>
    public const int VersionTwoFieldCount = 26;

    /// <summary>The field names in encoding order; also the names a reader of the format sees.</summary>
    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "serial", "make", "model", "job_id", "station", "operator", "pin_lot", "slot", "attempt",
        "firmware", "firmware_banner", "recipe_name", "power_fraction", "feed_mm_per_min", "passes",
        "toolpath_sha256", "stroke_coverage", "stray_mark", "grade", "evidence_path", "evidence_sha256",
        "outcome", "reason", "started_at", "finished_at", "simulated_devices",
        "recipe_sha256", "calibration", "overrides", "locations",
    ];

    private static readonly byte[] VersionOneHeaderLine = Encoding.ASCII.GetBytes(VersionOneHeader + "\n");
    private static readonly byte[] VersionTwoHeaderLine = Encoding.ASCII.GetBytes(VersionTwoHeader + "\n");
    private static readonly byte[] VersionThreeHeaderLine = Encoding.ASCII.GetBytes(VersionThreeHeader + "\n");
    private static readonly byte[][] FieldPrefixes = [.. FieldOrder.Select(name => Encoding.ASCII.GetBytes(name + "="))];

    private const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    // Lone surrogates would otherwise be replaced silently, and two different strings would encode alike.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes the record. Throws <see cref="ArgumentException"/> naming the field when a
    /// required text is missing, a real is not finite, the outcome is undefined or a text is not valid Unicode.</summary>
    public static byte[] Encode(PinRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Written straight to UTF-8 bytes: verifying a chain encodes every record again.
        var bytes = new ByteWriter(1024);
        Append(bytes, record);
        return bytes.ToArray();
    }

    /// <summary>Writes what <see cref="Encode"/> returns to <paramref name="bytes"/>; throws as it does, having
    /// written part of the record.</summary>
    internal static void Append(ByteWriter bytes, PinRecord record)
    {
        var version = VersionOf(record.SimulatedDevices is not null,
            record.RecipeSha256 is not null || record.Calibration is not null || record.Overrides is not null || record.Locations is not null);
        AppendHeader(bytes, version);
        var field = 0;
        void Put(string? value) => AppendField(bytes, field++, value);

        Put(Required(record.Serial, "serial"));
        Put(Required(record.Make, "make"));
        Put(Required(record.Model, "model"));
        Put(Required(record.JobId, "job_id"));
        Put(Required(record.Station, "station"));
        Put(Required(record.Operator, "operator"));
        Put(Required(record.PinLot, "pin_lot"));
        Put(FormatInteger(record.Slot));
        Put(FormatInteger(record.Attempt));
        Put(Required(record.Firmware, "firmware"));
        Put(Required(record.FirmwareBanner, "firmware_banner"));
        Put(Required(record.RecipeName, "recipe_name"));
        Put(FormatReal(record.PowerFraction, "power_fraction"));
        Put(FormatReal(record.FeedMmPerMin, "feed_mm_per_min"));
        Put(FormatInteger(record.Passes));
        Put(Required(record.ToolpathSha256, "toolpath_sha256"));
        Put(record.StrokeCoverage is { } coverage ? FormatReal(coverage, "stroke_coverage") : null);
        Put(record.StrayMark is { } stray ? FormatReal(stray, "stray_mark") : null);
        Put(record.Grade);
        Put(record.EvidencePath);
        Put(record.EvidenceSha256);
        Put(FormatOutcome(record.Outcome));
        Put(record.Reason);
        Put(FormatTimestamp(record.StartedAt));
        Put(FormatTimestamp(record.FinishedAt));
        if (version >= 2)
        {
            Put(record.SimulatedDevices);
        }

        if (version >= 3)
        {
            Put(record.RecipeSha256);
            Put(record.Calibration);
            Put(record.Overrides);
            Put(record.Locations);
        }
    }

    /// <summary>The canonical timestamp text; stores use it too so that what they keep is what was hashed.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="FormatTimestamp"/> output; returns false for anything else. Hand-written
    /// for the one fixed form: verifying a chain parses two timestamps per record.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        // yyyy-MM-ddTHH:mm:ss.fffffffZ
        if (text is not { Length: 28 } || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
            || text[16] != ':' || text[19] != '.' || text[27] != 'Z')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)
            || !Digits(text, 20, 7, out var fraction))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction));
        return true;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    public static string FormatOutcome(PinOutcome outcome) =>
        Enum.IsDefined(outcome)
            ? outcome.ToString()
            : throw new ArgumentException($"Pin record field 'outcome' has undefined value {(int)outcome}.", nameof(outcome));

    // For stores that build the encoding from the bytes they keep (see SqliteChainRows): the same
    // pieces Encode writes, one field at a time, by the field's index in FieldOrder.
    // The version follows from the record: 3 when it states one of the version 3 fields, else 2 when it names
    // simulated devices, else 1.
    internal static int VersionOf(bool statesSimulatedDevices, bool statesVersionThreeField) =>
        statesVersionThreeField ? 3 : statesSimulatedDevices ? 2 : 1;

    /// <summary>How many fields of <see cref="FieldOrder"/> a record of <paramref name="version"/> holds.</summary>
    internal static int FieldCount(int version) => version switch
    {
        1 => VersionOneFieldCount,
        2 => VersionTwoFieldCount,
        _ => FieldOrder.Count,
    };

    internal static void AppendHeader(ByteWriter bytes, int version) =>
        bytes.Append(version switch
        {
            1 => VersionOneHeaderLine,
            2 => VersionTwoHeaderLine,
            _ => VersionThreeHeaderLine,
        });

    internal static void AppendNullField(ByteWriter bytes, int field)
    {
        bytes.Append(FieldPrefixes[field]);
        bytes.Append("null\n"u8);
    }

    /// <summary>A field whose value is already its canonical UTF-8 text.</summary>
    internal static void AppendTextField(ByteWriter bytes, int field, ReadOnlySpan<byte> utf8)
    {
        AppendValueStart(bytes, field, utf8.Length);
        bytes.Append(utf8);
        bytes.Append("\n"u8);
    }

    /// <summary>A field whose value is already its canonical UTF-8 text, in native memory (a database's own
    /// buffer, copied once straight into the encoding).</summary>
    internal static void AppendTextField(ByteWriter bytes, int field, IntPtr utf8, int length)
    {
        AppendValueStart(bytes, field, length);
        bytes.Append(utf8, length);
        bytes.Append("\n"u8);
    }

    internal static void AppendIntegerField(ByteWriter bytes, int field, int value)
    {
        Span<byte> text = stackalloc byte[11];
        value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture);
        AppendTextField(bytes, field, text[..written]);
    }

    /// <summary>The same text as <see cref="FormatReal"/>, formatted straight to UTF-8: verification writes
    /// several reals per row.</summary>
    internal static void AppendRealField(ByteWriter bytes, int field, double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            AppendField(bytes, field, FormatReal(value, FieldOrder[field]));
            return;
        }

        // "R" needs at most 24 bytes for a double (sign, 17 digits, point, exponent).
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture);
        AppendTextField(bytes, field, text[..written]);
    }

    // "<field>=<byte count>:" before a value of that many bytes.
    private static void AppendValueStart(ByteWriter bytes, int field, int length)
    {
        bytes.Append(FieldPrefixes[field]);
        Span<byte> digits = stackalloc byte[11];
        length.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        bytes.Append(digits[..written]);
        bytes.Append(":"u8);
    }

    private static void AppendField(ByteWriter bytes, int field, string? value)
    {
        if (value is null)
        {
            AppendNullField(bytes, field);
            return;
        }

        var count = StrictByteCount(value, FieldOrder[field]);
        AppendValueStart(bytes, field, count);
        StrictUtf8.GetBytes(value, bytes.Reserve(count));
        bytes.Append("\n"u8);
    }

    private static int StrictByteCount(string value, string name)
    {
        try
        {
            return StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"Pin record field '{name}' is not valid Unicode: {e.Message}", name, e);
        }
    }

    private static string Required(string? value, string name) =>
        value ?? throw new ArgumentException($"Pin record field '{name}' is required but is null.", name);

    private static string FormatInteger(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FormatReal(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Pin record field '{name}' must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}.", name);
        }

        // 0.0 == -0.0; writing both as "0" keeps the hash stable when a store drops the sign.
        return value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
