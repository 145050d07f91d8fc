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

    private static string Render(PinRecord record, ChainVerification chain)
    {
        var builder = new AuditSummaryBuilder();
        builder.Add(new StoredPinRecord(1, record, new string('0', 64), new string('1', 64)));
        return AuditReportHtml.Render(builder.Build(), chain, "records.db", "all records", DateTimeOffset.UnixEpoch, Images, path => "../" + path);
    }
}
