using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver job list` and `engraver audit report` count serials and pins apart from records, on a job
/// where one serial took two pins, one pin has two records (resolved at inspection) and one serial needs a new pin.</summary>
public class SerialAndPinCountTests
{
    private const int Tray = 50;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Job_list_and_audit_report_count_serials_and_pins_and_name_the_serial_that_needs_a_new_pin()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        await using (var store = await SqliteRecordStore.OpenAsync(records, None))
        {
            await FillAsync(store);
        }

        var list = await EngraverProcess.RunAsync("job", "list", "--records", records);
        var report = await EngraverProcess.RunAsync("audit", "report", "--out", Path.Combine(folder.Path, "report"), "--records", records);

        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("pins used", list.Output, StringComparison.Ordinal);
        Assert.Matches(@"J1\s*│\s*Finished\s*│\s*3\s*│\s*2\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*1\s*│\s*4\s*│\s*2\s*│\s*5\s*│", list.Output);
        Assert.Contains("job J1: 1 serial(s) need a new pin: P03", list.Output, StringComparison.Ordinal);
        Assert.True(report.ExitCode == 0, report.Output);
        Assert.Contains("production: 2 of 3 serials verified (66.7%); 4 pins used, 2 verified (50.0%)", report.Output, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(Path.Combine(folder.Path, "report", "index.html"));
        Assert.Contains("2 of 3 serials verified (66.7%); 4 pins used, 2 verified (50.0%)", page, StringComparison.Ordinal);
    }

    /// <summary>P01 rejected then verified on a second pin; P02 verified; P03 needed inspection and was scrapped
    /// with no attempt left.</summary>
    private static async Task FillAsync(IRecordStore store)
    {
        await store.Jobs.SubmitAsync(new JobSubmission("J1", "ENGR", "MS1", "LOT-1", "default", ["P01", "P02", "P03"], "j1.csv", "alice", DateTimeOffset.UtcNow), None);
        var p01 = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        await store.AppendPinAsync(Pin(p01, PinOutcome.Rejected), None);
        p01 = (await store.Jobs.ClaimRetryAsync(p01, Tray, None))!;
        await store.AppendPinAsync(Pin(p01, PinOutcome.Verified), None);
        await store.Jobs.FinishAsync(p01, SerialState.Verified, None);
        var p02 = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        await store.AppendPinAsync(Pin(p02, PinOutcome.Verified), None);
        await store.Jobs.FinishAsync(p02, SerialState.Verified, None);
        var p03 = (await store.Jobs.ClaimNextAsync("st-1", Tray, None)).Claim!;
        await store.AppendPinAsync(Pin(p03, PinOutcome.NeedsInspection), None);
        await store.Jobs.FinishAsync(p03, SerialState.NeedsInspection, None);
        await store.AppendPinAsync(Pin(p03, PinOutcome.Rejected), None);
        await store.Jobs.SettleInspectionAsync("J1", "P03", verified: false, maxAttemptsPerSerial: 1, None);
    }

    private static PinRecord Pin(SerialClaim claim, PinOutcome outcome) => new()
    {
        Serial = claim.Serial,
        Make = claim.Make,
        Model = claim.Model,
        JobId = claim.JobId,
        Station = claim.Station,
        Operator = "alice",
        PinLot = claim.PinLot,
        Slot = claim.Slot,
        Attempt = claim.Attempt,
        Firmware = "grbl-1.1",
        FirmwareBanner = "Grbl 1.1h ['$' for help]",
        RecipeName = "default",
        PowerFraction = 0.5,
        FeedMmPerMin = 600,
        Passes = 1,
        ToolpathSha256 = new string('a', 64),
        Outcome = outcome,
        Reason = outcome == PinOutcome.Verified ? null : "test outcome",
        StartedAt = DateTimeOffset.UtcNow,
        FinishedAt = DateTimeOffset.UtcNow,
    };
}
