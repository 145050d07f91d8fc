using System.Globalization;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>Synthetic pin records for the audit bench: realistic sizes and a realistic mix (95 % verified,
/// 4 % rejected with a vision reason, 1 % needing inspection), 1,000 pins an hour.</summary>
internal static class BenchAuditRecords
{
    private static readonly DateTimeOffset Start = new(2025, 1, 6, 6, 0, 0, TimeSpan.Zero);

    public static string Serial(long index) => string.Create(CultureInfo.InvariantCulture, $"B{index:D9}");

    public static PinRecord Create(long index, string serial)
    {
        var finished = Start.AddTicks(index * TimeSpan.TicksPerSecond * 36 / 10);
        var outcome = (index % 100) switch
        {
            < 95 => PinOutcome.Verified,
            < 99 => PinOutcome.Rejected,
            _ => PinOutcome.NeedsInspection,
        };
        var coverage = outcome == PinOutcome.Verified ? 0.95 + (index % 50) / 1000.0 : 0.5 + (index % 30) / 100.0;
        return new PinRecord
        {
            Serial = serial,
            Make = "ENGR",
            Model = "MS1",
            JobId = string.Create(CultureInfo.InvariantCulture, $"bench-{index / 1000:D6}"),
            Station = string.Create(CultureInfo.InvariantCulture, $"station-{index % 3 + 1}"),
            Operator = "bench",
            PinLot = "LOT-BENCH",
            Slot = (int)(index % 24),
            Attempt = 1,
            Firmware = "grbl-1.1",
            FirmwareBanner = "Grbl 1.1h ['$' for help]",
            RecipeName = "default",
            PowerFraction = 0.8,
            FeedMmPerMin = 600,
            Passes = 1,
            ToolpathSha256 = Convert.ToHexStringLower(BitConverter.GetBytes(index)).PadLeft(64, 'a'),
            StrokeCoverage = coverage,
            StrayMark = 0.001,
            Grade = outcome == PinOutcome.Verified ? (coverage > 0.97 ? "A" : "B") : null,
            EvidencePath = $"/var/lib/engraver/evidence/{serial}-1.png",
            EvidenceSha256 = Convert.ToHexStringLower(BitConverter.GetBytes(~index)).PadLeft(64, 'b'),
            Outcome = outcome,
            Reason = outcome == PinOutcome.Verified
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"only {coverage:0%} of the expected strokes are marked (minimum 90%)"),
            StartedAt = finished.AddSeconds(-3),
            FinishedAt = finished,
        };
    }
}
