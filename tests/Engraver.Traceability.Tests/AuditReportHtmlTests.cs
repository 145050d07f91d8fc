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
        Assert.Contains(Row("Total", 1, 1, 2, 2), page, StringComparison.Ordinal);
        Assert.Contains(Row("Verified", 1, 1, 1, 1), page, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>Verified share</th><td class=\"n\">{Percent(1.0)}</td><td class=\"n\">{Percent(1.0)}</td><td class=\"n\">{Percent(0.5)}</td><td class=\"n\">{Percent(0.5)}</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"simulated\">SIMULATED: controller, camera, io</td><td>2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>TWIN-1</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Rejected</td><td class=\"simulated\">SIMULATED: controller, camera, io</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_only_report_shows_no_simulated_banner_and_lists_pins_as_production()
    {
        var page = Render(SampleRecords.Rejected("PROD-2"), new ChainVerification(true, 1, null, null));

        Assert.DoesNotContain("SIMULATED:", page, StringComparison.Ordinal);
        Assert.Contains(Row("Total", 1, 1, 0, 0), page, StringComparison.Ordinal);
        Assert.Contains("<td>Rejected</td><td>production</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_states_yield_per_serial_and_per_pin_with_their_labels()
    {
        var page = Render(new ChainVerification(true, 26, null, null), [.. AuditSummaryBuilderTests.TwentyFourSerials()]);

        Assert.Contains("Production: 23 of 24 serials verified (95.8%); 25 pins used, 23 verified (92.0%).", page, StringComparison.Ordinal);
        Assert.Contains(Row("Serials", 24, 0), page, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>Yield per serial</th><td class=\"n\">{Percent(23 / 24.0)}</td><td class=\"n\">-</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>Verified share</th><td class=\"n\">{Percent(23 / 26.0)}</td><td class=\"n\">{Percent(23 / 25.0)}</td><td class=\"n\">-</td><td class=\"n\">-</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcomes_are_shown_per_record_beside_per_pin_and_per_pin_lot()
    {
        var page = Render(new ChainVerification(true, 26, null, null), [.. AuditSummaryBuilderTests.TwentyFourSerials()]);

        // 26 records, 25 pins: the scrapped inspection is two records (NeedsInspection, then Rejected) of one pin.
        Assert.Contains(Row("Total", 26, 25, 0, 0), page, StringComparison.Ordinal);
        Assert.Contains(Row("Verified", 23, 23, 0, 0), page, StringComparison.Ordinal);
        Assert.Contains(Row("Rejected", 2, 2, 0, 0), page, StringComparison.Ordinal);
        Assert.Contains(Row("Needs inspection", 1, 0, 0, 0), page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>LOT-77</td><td class=\"n\">25</td><td class=\"n\">23</td><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_opens_with_one_sentence_on_what_it_covers()
    {
        var page = Render(new ChainVerification(true, 3, null, null), SampleRecords.Verified("A"), SampleRecords.Simulated("B"), SampleRecords.Rejected("A") with { Attempt = 2 });

        var covers = page.IndexOf("<p class=\"covers\">This report covers all records: 3 records, sequence 1 to 3, finished 2024-05-06 07:31:00 UTC to 2024-05-06 07:31:00 UTC, of 2 serials (1 record SIMULATED).</p>", StringComparison.Ordinal);
        Assert.True(covers > 0, page);
        Assert.True(covers < page.IndexOf("<h2>", StringComparison.Ordinal), "the sentence comes before the first section");
        Assert.Contains("<p class=\"covers\">This report covers all records: no records.</p>", Render(new ChainVerification(true, 0, null, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_table_has_one_row_per_serial_with_outcome_person_and_evidence()
    {
        var hostile = "<img src=x onerror=alert(1)>";
        var records = new[]
        {
            SampleRecords.Rejected("S-2") with { Attempt = 1, Operator = "Ann" },
            SampleRecords.Minimal("S-1") with { Operator = "Ann", EvidencePath = "evidence/S-1.png" },
            SampleRecords.Verified("S-2") with { Attempt = 2, Operator = "Ann", Grade = "B" },
            SampleRecords.Minimal("S-1") with { Operator = "Bob", Outcome = PinOutcome.Verified, EvidencePath = "evidence/S-1.png", Reason = "accepted by Bob" },
            SampleRecords.Minimal("S-3") with { Operator = hostile, Make = hostile },
        };
        var evidence = new EvidenceVerification(3, 0, [new EvidenceProblem(4, "S-1", "/data/evidence/S-1.png", "ab", null)]);

        var page = Render(new ChainVerification(true, 5, null, null), evidence, records);

        var table = page[page.IndexOf("<h2>Serials</h2>", StringComparison.Ordinal)..];
        Assert.Contains("<tr><td>S-1</td><td>Acme Arms / P-10 Compact</td><td>Verified at inspection</td><td class=\"n\">1</td><td>Bob</td><td>2024-05-06T07:31:00Z</td><td>-</td><td class=\"broken\">MISSING <a href=\"../evidence/S-1.png\">image</a></td><td>production</td></tr>", table, StringComparison.Ordinal);
        Assert.Contains("<tr><td>S-2</td><td>Acme Arms / P-10 Compact</td><td>Verified</td><td class=\"n\">2</td><td>Ann</td><td>2024-05-06T07:31:00Z</td><td>B</td><td><a href=\"../evidence/2024/SN-000123.png\">image</a></td><td>production</td></tr>", table, StringComparison.Ordinal);
        Assert.Contains("<tr><td>S-3</td><td>&lt;img src=x onerror=alert(1)&gt; / P-10 Compact</td><td>NeedsInspection</td><td class=\"n\">1</td><td>&lt;img src=x onerror=alert(1)&gt;</td>", table, StringComparison.Ordinal);
        Assert.Contains("<td>none</td>", table, StringComparison.Ordinal);
        Assert.DoesNotContain(hostile, page, StringComparison.Ordinal);
        Assert.True(table.IndexOf("<td>S-1</td>", StringComparison.Ordinal) < table.IndexOf("<td>S-2</td>", StringComparison.Ordinal), "rows are sorted by serial");
    }

    [Fact]
    public void Evidence_problems_beyond_500_are_counted_in_the_list_and_still_marked_on_their_serials()
    {
        var records = Enumerable.Range(1, 502).Select(i => SampleRecords.Verified($"S-{i:000}")).ToArray();
        var problems = Enumerable.Range(1, 502).Select(i => new EvidenceProblem(i, $"S-{i:000}", $"/data/evidence/S-{i:000}.png", "ab", null)).ToList();

        var page = Render(new ChainVerification(true, 502, null, null), new EvidenceVerification(502, 0, problems), records);

        Assert.Contains("<p>2 more; list them all with <code>engraver audit verify</code>.</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>/data/evidence/S-502.png</td>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>S-502</td>", page, StringComparison.Ordinal);
        var serials = page[page.IndexOf("<h2>Serials</h2>", StringComparison.Ordinal)..];
        Assert.Equal(502, serials.Split("<td class=\"broken\">MISSING").Length - 1);
    }

    [Fact]
    public void Simulated_serials_are_marked_in_the_serial_table()
    {
        var page = Render(new ChainVerification(true, 1, null, null), SampleRecords.Simulated("TWIN-9"));

        var table = page[page.IndexOf("<h2>Serials</h2>", StringComparison.Ordinal)..];
        Assert.Contains("<td class=\"simulated\">SIMULATED: controller, camera, io</td></tr>", table, StringComparison.Ordinal);
    }

    private static string Row(string label, params long[] values) =>
        $"<tr><th>{label}</th>{string.Concat(values.Select(v => $"<td class=\"n\">{v}</td>"))}</tr>";

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    private static string Render(PinRecord record, ChainVerification chain) => Render(chain, record);

    private static string Render(ChainVerification chain, params PinRecord[] records) => Render(chain, null, records);

    private static string Render(ChainVerification chain, EvidenceVerification? evidence, params PinRecord[] records)
    {
        var builder = new AuditSummaryBuilder();
        foreach (var (record, index) in records.Select((r, i) => (r, i)))
        {
            builder.Add(new StoredPinRecord(index + 1, record, new string('0', 64), new string('1', 64)));
        }

        return AuditReportHtml.Render(builder.Build(), chain, "records.db", "all records", DateTimeOffset.UnixEpoch, Images, path => "../" + path, evidence);
    }
}
