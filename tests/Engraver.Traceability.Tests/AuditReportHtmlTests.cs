using System.Globalization;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Records;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class AuditReportHtmlTests
{
    private static readonly AuditReportImages Images = new("y.png", "g.png", "r.png");

    [Fact]
    public void Record_text_is_encoded_and_evidence_is_linked()
    {
        var page = Render(SampleRecords.Rejected("<script>alert(1)</script>"), new ChainVerification(true, 1, null, null));

        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"../evidence/2024/SN-000123.png\">image</a>", page, StringComparison.Ordinal);
        Assert.Contains("<img src=\"y.png\"", page, StringComparison.Ordinal);
        Assert.Contains("Intact: all 1 records", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_chain_is_shown_with_the_first_broken_record()
    {
        var page = Render(SampleRecords.Verified("A"), new ChainVerification(false, 4, 4, "hash mismatch: row holds x"));

        Assert.Contains("BROKEN at record 4: hash mismatch: row holds x", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_records_are_counted_apart_and_marked_simulated_where_listed()
    {
        var page = Render(
            new ChainVerification(true, 3, null, null),
            SampleRecords.Verified("PROD-1"),
            SampleRecords.Rejected("TWIN-1") with { SimulatedDevices = SampleRecords.TwinDevices },
            SampleRecords.Simulated("TWIN-2"));

        Assert.Contains("SIMULATED: 2 of 3 records were made with simulated devices", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Records</th><td>1</td><td>2</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Verified</th><td>1</td><td>1</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>Records verified</th><td>{Percent(1.0)}</td><td>{Percent(0.5)}</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"simulated\">SIMULATED: controller, camera, io</td><td>2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>TWIN-1</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Rejected</td><td class=\"simulated\">SIMULATED: controller, camera, io</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_only_report_shows_no_simulated_banner_and_lists_pins_as_production()
    {
        var page = Render(SampleRecords.Rejected("PROD-2"), new ChainVerification(true, 1, null, null));

        Assert.DoesNotContain("SIMULATED:", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Records</th><td>1</td><td>0</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Rejected</td><td>production</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_states_yield_per_serial_and_per_pin_with_their_labels()
    {
        var page = Render(new ChainVerification(true, 26, null, null), [.. AuditSummaryBuilderTests.TwentyFourSerials()]);

        Assert.Contains("Production: 23 of 24 serials verified (95.8%); 25 pins used, 23 verified (92.0%).", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Pins used</th><td>25</td><td>0</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>Yield per serial</th><td>{Percent(23 / 24.0)}</td><td>-</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>Yield per pin</th><td>{Percent(23 / 25.0)}</td><td>-</td></tr>", page, StringComparison.Ordinal);
    }

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    private static string Render(PinRecord record, ChainVerification chain) => Render(chain, record);

    private static string Render(ChainVerification chain, params PinRecord[] records)
    {
        var builder = new AuditSummaryBuilder();
        foreach (var (record, index) in records.Select((r, i) => (r, i)))
        {
            builder.Add(new StoredPinRecord(index + 1, record, new string('0', 64), new string('1', 64)));
        }

        return AuditReportHtml.Render(builder.Build(), chain, "records.db", "all records", DateTimeOffset.UnixEpoch, Images, path => "../" + path);
    }
}
