using Engraver.Traceability.Audit;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class AuditSummaryBuilderTests
{
    private static readonly DateTimeOffset Eight = new(2024, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Outcomes_are_counted_and_yield_is_bucketed_by_utc_hour()
    {
        var builder = new AuditSummaryBuilder();
        Add(builder, SampleRecords.Verified("A") with { FinishedAt = Eight.AddMinutes(5) });
        Add(builder, SampleRecords.Rejected("B") with { FinishedAt = Eight.AddMinutes(59) });
        Add(builder, SampleRecords.Verified("C") with { FinishedAt = Eight.AddHours(1).ToOffset(TimeSpan.FromHours(3)) });
        Add(builder, SampleRecords.Minimal("D") with { FinishedAt = Eight.AddHours(1).AddMinutes(30) });

        var summary = builder.Build();

        Assert.Equal((4L, 2L, 1L, 1L), (summary.Total, summary.Verified, summary.Rejected, summary.NeedsInspection));
        Assert.Equal([new HourlyYield(Eight, 2, 1), new HourlyYield(Eight.AddHours(1), 2, 1)], summary.YieldPerHour);
        Assert.Equal(0.5, summary.YieldPerHour[0].Yield);
        Assert.Equal(Eight.AddMinutes(5), summary.FirstFinished);
        Assert.Equal(["B", "D"], summary.NotVerified.Select(r => r.Record.Serial));
    }

    /// <summary>24 serials: one verified on its second pin, 22 on their first, one scrapped at inspection (two
    /// records, one pin): 26 records, 25 pins.</summary>
    internal static IEnumerable<PinRecord> TwentyFourSerials()
    {
        yield return SampleRecords.Rejected("S01") with { Attempt = 1 };
        yield return SampleRecords.Verified("S01") with { Attempt = 2 };
        for (var i = 2; i <= 23; i++)
        {
            yield return SampleRecords.Verified($"S{i:00}");
        }

        yield return SampleRecords.Minimal("S24") with { Attempt = 1 };
        yield return SampleRecords.Minimal("S24") with { Attempt = 1, Outcome = PinOutcome.Rejected, Reason = "scrapped at inspection" };
    }

    [Fact]
    public void Yield_is_counted_per_serial_and_per_pin_not_per_record()
    {
        var builder = new AuditSummaryBuilder();
        foreach (var record in TwentyFourSerials())
        {
            Add(builder, record);
        }

        var summary = builder.Build();

        Assert.Equal(26L, summary.Production.Total);
        Assert.Equal(new SerialAndPinYield(24, 23, 25, 23), summary.ProductionYield);
        Assert.Equal("23 of 24 serials verified (95.8%); 25 pins used, 23 verified (92.0%)", summary.ProductionYield.ToString());
        Assert.Equal(new SerialAndPinYield(0, 0, 0, 0), summary.SimulatedYield);
    }

    [Fact]
    public void Outcomes_are_counted_per_pin_beside_per_record()
    {
        var builder = new AuditSummaryBuilder();
        foreach (var record in TwentyFourSerials())
        {
            Add(builder, record);
        }

        var summary = builder.Build();

        // The scrapped inspection is two records of one pin: NeedsInspection as a record, Rejected as a pin.
        Assert.Equal(new OutcomeCounts(23, 2, 1), summary.Production);
        Assert.Equal(new OutcomeCounts(23, 2, 0), summary.ProductionPins);
        Assert.Equal(new OutcomeCounts(0, 0, 0), summary.SimulatedPins);
    }

    [Fact]
    public void Pins_are_counted_per_pin_lot_each_pin_once()
    {
        var builder = new AuditSummaryBuilder();
        Add(builder, SampleRecords.Rejected("A") with { PinLot = "LOT-2", Attempt = 1 });
        Add(builder, SampleRecords.Verified("A") with { PinLot = "LOT-2", Attempt = 2 });
        Add(builder, SampleRecords.Minimal("B") with { PinLot = "LOT-1" });
        Add(builder, SampleRecords.Minimal("B") with { PinLot = "LOT-1", Outcome = PinOutcome.Verified });
        Add(builder, SampleRecords.Minimal("C") with { PinLot = "LOT-1" });
        Add(builder, SampleRecords.Simulated("D") with { PinLot = "LOT-2" });

        Assert.Equal(
            [new PinLotCounts("LOT-1", 2, 1, 0, 1, 0), new PinLotCounts("LOT-2", 3, 2, 1, 0, 1)],
            builder.Build().PinLots);
    }

    [Fact]
    public void Each_serial_gets_one_row_from_its_latest_record_sorted_by_serial()
    {
        var builder = new AuditSummaryBuilder();
        Add(builder, SampleRecords.Rejected("S-2") with { Attempt = 1, Operator = "Ann", Grade = "C" });
        Add(builder, SampleRecords.Minimal("S-1") with { Operator = "Ann", EvidencePath = "evidence/S-1.png" });
        Add(builder, SampleRecords.Verified("S-2") with { Attempt = 2, Operator = "Ann", Grade = "B" });
        Add(builder, SampleRecords.Minimal("S-1") with { Operator = "Bob", Outcome = PinOutcome.Verified, EvidencePath = "evidence/S-1.png" });
        Add(builder, SampleRecords.Minimal("S-3"));
        Add(builder, SampleRecords.Minimal("S-3") with { Operator = "Cy", Outcome = PinOutcome.Rejected, Reason = "scrapped by Cy after inspection: bent" });
        Add(builder, SampleRecords.Minimal("S-0"));

        var summary = builder.Build();
        var rows = summary.Serials.ToDictionary(r => r.Serial);

        Assert.Equal(["S-0", "S-1", "S-2", "S-3"], summary.Serials.Select(r => r.Serial));
        Assert.Equal((SerialOutcomes.Verified, 2, "Ann", "B"), (rows["S-2"].Outcome, rows["S-2"].PinsUsed, rows["S-2"].Person, rows["S-2"].Grade));
        Assert.Equal((SerialOutcomes.VerifiedAtInspection, 1, "Bob", "evidence/S-1.png"), (rows["S-1"].Outcome, rows["S-1"].PinsUsed, rows["S-1"].Person, rows["S-1"].EvidencePath));
        Assert.Equal((SerialOutcomes.ScrappedAtInspection, 1, "Cy"), (rows["S-3"].Outcome, rows["S-3"].PinsUsed, rows["S-3"].Person));
        Assert.Equal((SerialOutcomes.NeedsInspection, 1), (rows["S-0"].Outcome, rows["S-0"].PinsUsed));
        Assert.Equal(summary.LastSequence, rows["S-0"].Sequence);
        Assert.Equal(summary.FirstSequence + 3, rows["S-1"].Sequence);
        Assert.Equal(SampleRecords.Full.FinishedAt, rows["S-1"].Finished);
        Assert.Equal(6, summary.LastSequence - summary.FirstSequence);
    }

    [Fact]
    public void Reject_reasons_group_by_wording_without_their_numbers()
    {
        var builder = new AuditSummaryBuilder();
        Add(builder, SampleRecords.Rejected("A") with { Reason = "only 53% of the expected strokes are marked (minimum 90%); stroke 2 segment 1 is 10% marked (minimum 50%)" });
        Add(builder, SampleRecords.Rejected("B") with { Reason = "only 61% of the expected strokes are marked (minimum 90%)" });
        Add(builder, SampleRecords.Minimal("C"));

        var reasons = builder.Build().RejectReasons;

        Assert.Equal(
            [
                new CountedLabel("only N% of the expected strokes are marked (minimum N%)", 2),
                new CountedLabel(AuditSummaryBuilder.NoReason, 1),
                new CountedLabel("stroke N segment N is N% marked (minimum N%)", 1),
            ],
            reasons);
    }

    [Fact]
    public void Grades_are_counted_with_missing_grades_together()
    {
        var builder = new AuditSummaryBuilder();
        Add(builder, SampleRecords.Verified("A") with { Grade = "A" });
        Add(builder, SampleRecords.Verified("B") with { Grade = null });
        Add(builder, SampleRecords.Verified("C") with { Grade = "A" });

        Assert.Equal([new CountedLabel("A", 2), new CountedLabel(AuditSummaryBuilder.NoGrade, 1)], builder.Build().Grades);
    }

    [Fact]
    public void Pins_not_verified_beyond_the_listing_limit_are_counted_not_kept()
    {
        var builder = new AuditSummaryBuilder(maxNotVerifiedListed: 2);
        for (var i = 0; i < 5; i++)
        {
            Add(builder, SampleRecords.Rejected($"R{i}"));
        }

        var summary = builder.Build();

        Assert.Equal(2, summary.NotVerified.Count);
        Assert.Equal(3, summary.NotVerifiedLeftOut);
    }

    [Fact]
    public void Simulated_records_are_counted_apart_from_production_ones_by_their_devices()
    {
        var builder = new AuditSummaryBuilder();
        Add(builder, SampleRecords.Verified("A"));
        Add(builder, SampleRecords.Rejected("B"));
        Add(builder, SampleRecords.Simulated("C"));
        Add(builder, SampleRecords.Rejected("D") with { SimulatedDevices = "camera" });
        Add(builder, SampleRecords.Simulated("E"));

        var summary = builder.Build();

        Assert.Equal(new OutcomeCounts(1, 1, 0), summary.Production);
        Assert.Equal(new OutcomeCounts(2, 1, 0), summary.Simulated);
        Assert.Equal([new CountedLabel(SampleRecords.TwinDevices, 2), new CountedLabel("camera", 1)], summary.SimulatedDevices);
        Assert.Equal((5L, 3L, 2L), (summary.Total, summary.Verified, summary.Rejected));
    }

    [Fact]
    public void Blank_simulated_devices_count_as_production()
    {
        var builder = new AuditSummaryBuilder();
        Add(builder, SampleRecords.Verified("A") with { SimulatedDevices = "" });
        Add(builder, SampleRecords.Verified("B") with { SimulatedDevices = "  " });

        var summary = builder.Build();

        Assert.Equal(2, summary.Production.Total);
        Assert.Equal(0, summary.Simulated.Total);
        Assert.Empty(summary.SimulatedDevices);
    }

    private static long _sequence;

    private static void Add(AuditSummaryBuilder builder, PinRecord record) =>
        builder.Add(new StoredPinRecord(Interlocked.Increment(ref _sequence), record, new string('0', 64), new string('1', 64)));
}
