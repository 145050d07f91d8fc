using Engraver.Traceability.Records;

namespace Engraver.Traceability.Tests.Support;

/// <summary>Pin records with every field filled in, values chosen to exercise the encoding: doubles with
/// no short decimal form, a non-UTC offset, texts with non-ASCII characters.</summary>
internal static class SampleRecords
{
    public static PinRecord Verified(string serial) => Full with { Serial = serial };

    public static PinRecord Rejected(string serial) => Full with
    {
        Serial = serial,
        Outcome = PinOutcome.Rejected,
        Reason = "stroke coverage below 0.9",
        StrokeCoverage = 0.5,
    };

    /// <summary>The devices of the station twin, as a record made on it names them.</summary>
    public const string TwinDevices = "controller, camera, io";

    /// <summary>A verified pin made on the station twin.</summary>
    public static PinRecord Simulated(string serial) => Full with { Serial = serial, SimulatedDevices = TwinDevices };

    /// <summary>A fixed record whose canonical form and hash are pinned by the encoding tests.</summary>
    public static PinRecord Full { get; } = new()
    {
        Serial = "SN-000123",
        Make = "Acme Arms",
        Model = "P-10 Compact",
        JobId = "job-2024-0042",
        Station = "station-1",
        Operator = "Zoë Müller",
        PinLot = "LOT-77",
        Slot = 12,
        Attempt = 1,
        Firmware = "grbl-1.1",
        FirmwareBanner = "Grbl 1.1h ['$' for help]",
        RecipeName = "tip-1.6mm",
        PowerFraction = 0.1 + 0.2,
        FeedMmPerMin = 1.0 / 3.0,
        Passes = 2,
        ToolpathSha256 = new string('a', 64),
        StrokeCoverage = 0.987654321,
        StrayMark = 1e-300,
        Grade = "A",
        EvidencePath = "evidence/2024/SN-000123.png",
        EvidenceSha256 = new string('b', 64),
        Outcome = PinOutcome.Verified,
        Reason = null,
        StartedAt = new DateTimeOffset(2024, 5, 6, 9, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567),
        FinishedAt = new DateTimeOffset(2024, 5, 6, 7, 31, 0, TimeSpan.Zero).AddTicks(1),
    };

    /// <summary>Only the required fields: every optional one is null.</summary>
    public static PinRecord Minimal(string serial) => Full with
    {
        Serial = serial,
        StrokeCoverage = null,
        StrayMark = null,
        Grade = null,
        EvidencePath = null,
        EvidenceSha256 = null,
        Outcome = PinOutcome.NeedsInspection,
        Reason = null,
    };
}
