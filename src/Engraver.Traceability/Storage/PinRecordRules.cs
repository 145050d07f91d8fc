using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Storage;

/// <summary>What every store checks before it appends, so that a record accepted by one store is accepted
/// by all of them and can move between them (an export from SQLite imported into PostgreSQL).</summary>
public static class PinRecordRules
{
    /// <summary>Text from the job queue made storable: a U+0000 (which only a queue written before the door refused it
    /// can hold) becomes the six characters \u0000, so a pin already burned always gets its record.</summary>
    public static string Storable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\0", "\\u0000", StringComparison.Ordinal);
    }

    /// <summary>Returns the canonical encoding of a record that may be stored; throws
    /// <see cref="ArgumentException"/> naming the field otherwise.</summary>
    internal static byte[] CheckAndEncode(PinRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Serial, "record.Serial");
        var canonical = CanonicalEncoding.Encode(record);
        // PostgreSQL text cannot hold U+0000; refusing it everywhere keeps the stores interchangeable.
        foreach (var (name, text) in Texts(record))
        {
            if (text is not null && text.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Pin record field '{name}' holds the character U+0000, which no record store accepts.", name);
            }
        }

        return canonical;
    }

    private static IEnumerable<(string Name, string? Text)> Texts(PinRecord r) =>
    [
        ("serial", r.Serial), ("make", r.Make), ("model", r.Model), ("job_id", r.JobId), ("station", r.Station),
        ("operator", r.Operator), ("pin_lot", r.PinLot), ("firmware", r.Firmware), ("firmware_banner", r.FirmwareBanner),
        ("recipe_name", r.RecipeName), ("toolpath_sha256", r.ToolpathSha256), ("grade", r.Grade),
        ("evidence_path", r.EvidencePath), ("evidence_sha256", r.EvidenceSha256), ("reason", r.Reason),
        ("simulated_devices", r.SimulatedDevices), ("recipe_sha256", r.RecipeSha256), ("calibration", r.Calibration),
        ("overrides", r.Overrides), ("locations", r.Locations),
    ];
}
