using Engraver.Traceability.Audit;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

/// <summary>The audit report's test-fire QA section, made from the command log of a real record file.</summary>
public sealed class AuditReportQaTests
{
    private static readonly AuditReportImages Images = new("y.png", "g.png", "r.png");

    [Fact]
    public async Task Report_over_a_store_with_a_qa_casings_check_shows_it_per_serial_with_each_casing()
    {
        using var folder = new TempFolder();
        var store = await SqliteRecordStore.OpenAsync(folder.File("records.db"), CancellationToken.None);
        await using (store)
        {
            await store.AppendCommandAsync(SampleCommands.Accepted("home"), CancellationToken.None);
            await store.AppendCommandAsync(QaCasings("quinn", "K7Q2M9XA", "first shot.png:0123456789abcdef:read third.png:fedcba9876543210:not-read", readAlone: 1, fused: "K7Q2M9XA"), CancellationToken.None);

            var page = await RenderAsync(store);

            Assert.Contains("<h2>Test-fire QA</h2>", page, StringComparison.Ordinal);
            Assert.Contains("<tr><td>K7Q2M9XA</td><td>2026-11-24 22:00:00 UTC</td><td>quinn</td><td>2</td><td>#1</td>", page, StringComparison.Ordinal);
            Assert.Contains("1. first shot.png <code>0123456789abcdef</code> read<br>2. third.png <code>fedcba9876543210</code> <span class=\"broken\">not read</span>", page, StringComparison.Ordinal);
            Assert.Contains("<td>1 of 2</td><td>serial K7Q2M9XA</td></tr>", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Report_over_a_store_without_a_qa_check_says_there_is_none()
    {
        using var folder = new TempFolder();
        var store = await SqliteRecordStore.OpenAsync(folder.File("records.db"), CancellationToken.None);
        await using (store)
        {
            await store.AppendCommandAsync(SampleCommands.Accepted("home"), CancellationToken.None);

            var page = await RenderAsync(store);

            Assert.Contains("<h2>Test-fire QA</h2>\n<p>No test-fire QA check (<code>engraver qa casings</code>) in this range.</p>", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_whose_casings_read_another_serial_together_is_marked()
    {
        var rows = new[] { new StoredCommandRecord(1, QaCasings("quinn", "K7Q2M9XA", "a.png:0123456789abcdef:not-read", readAlone: 0, fused: "OTHER1"), "0", "1") };
        var html = new System.Text.StringBuilder();

        AuditReportQa.Append(html, rows);

        Assert.Contains("<td>0 of 1</td><td class=\"broken\">OTHER1, NOT K7Q2M9XA</td>", html.ToString(), StringComparison.Ordinal);
    }

    private static CommandRecord QaCasings(string user, string serial, string files, int readAlone, string fused) => SampleCommands.Accepted(AuditReportQa.QaCasingsCommand, user, "Local") with
    {
        Arguments = CommandArguments.From(
        [
            new("serial", serial), new("pinRecord", 1), new("casings", files.Split(".png:").Length - 1), new("readAlone", readAlone),
            new("readTogether", fused == serial), new("fused", fused), new("leftOut", 0), new("files", files),
        ]),
    };

    private static async Task<string> RenderAsync(IRecordStore store)
    {
        var commands = new List<StoredCommandRecord>();
        await foreach (var row in store.ListCommandsAsync(CancellationToken.None))
        {
            commands.Add(row);
        }

        var summary = new AuditSummaryBuilder().Build();
        return AuditReportHtml.Render(summary, new ChainVerification(true, 0, null, null), "records.db", "all records", DateTimeOffset.UnixEpoch, Images, _ => null, null, commands);
    }
}
