using System.Globalization;
using System.Net;
using System.Text;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>The pictures an audit report shows, as file names beside the HTML page.</summary>
public sealed record AuditReportImages(string YieldPerHour, string Grades, string RejectReasons);

/// <summary>Writes the audit report page: chain state, counts, the three plots, and every pin that was not
/// verified with a link to its evidence image. All text from records is HTML-encoded.</summary>
public static class AuditReportHtml
{
    /// <param name="evidenceLink">Turns a record's evidence path into a link target, or null for none.</param>
    public static string Render(
        AuditSummary summary, ChainVerification chain, string source, string scope, DateTimeOffset generatedAt,
        AuditReportImages images, Func<string, string?> evidenceLink)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(evidenceLink);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Engraver audit report</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:left;vertical-align:top}")
            .Append(".ok{color:#070}.broken{color:#b00;font-weight:bold}img{max-width:100%;border:1px solid #ddd;margin:6px 0}</style>\n")
            .Append("</head>\n<body>\n<h1>Engraver audit report</h1>\n");
        html.Append("<p>Records: ").Append(Encode(source)).Append("<br>Scope: ").Append(Encode(scope))
            .Append("<br>Generated: ").Append(Time(generatedAt)).Append("</p>\n");

        html.Append("<h2>Hash chain</h2>\n");
        html.Append(chain.Intact
            ? $"<p class=\"ok\">Intact: all {chain.RowsChecked} records link to the one before and hash to their stored value.</p>\n"
            : $"<p class=\"broken\">BROKEN at record {chain.FirstBrokenSequence}: {Encode(chain.Problem ?? "")}</p>\n");

        html.Append("<h2>Pins</h2>\n<table>\n")
            .Append(Row("Records", summary.Total))
            .Append(Row("Verified", summary.Verified))
            .Append(Row("Rejected", summary.Rejected))
            .Append(Row("Needs inspection", summary.NeedsInspection))
            .Append("<tr><th>Yield</th><td>").Append(summary.Total == 0 ? "-" : ((double)summary.Verified / summary.Total).ToString("P1", CultureInfo.InvariantCulture)).Append("</td></tr>\n")
            .Append("<tr><th>First finished</th><td>").Append(summary.FirstFinished is { } first ? Time(first) : "-").Append("</td></tr>\n")
            .Append("<tr><th>Last finished</th><td>").Append(summary.LastFinished is { } last ? Time(last) : "-").Append("</td></tr>\n")
            .Append("</table>\n");

        html.Append("<h2>Yield per hour</h2>\n").Append(Image(images.YieldPerHour, "Yield per hour"))
            .Append("<h2>Grade distribution</h2>\n").Append(Image(images.Grades, "Grade distribution"))
            .Append("<h2>Rejects by reason</h2>\n").Append(Image(images.RejectReasons, "Rejects by reason"));
        AppendReasonTable(html, summary.RejectReasons);
        AppendNotVerified(html, summary, evidenceLink);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendReasonTable(StringBuilder html, IReadOnlyList<CountedLabel> reasons)
    {
        if (reasons.Count == 0)
        {
            html.Append("<p>No rejects.</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>Reason (numbers shown as N)</th><th>Pins</th></tr>\n");
        foreach (var reason in reasons)
        {
            html.Append("<tr><td>").Append(Encode(reason.Label)).Append("</td><td>").Append(reason.Count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendNotVerified(StringBuilder html, AuditSummary summary, Func<string, string?> evidenceLink)
    {
        html.Append("<h2>Pins not verified</h2>\n");
        if (summary.NotVerified.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>Record</th><th>Serial</th><th>Job</th><th>Station</th><th>Outcome</th><th>Reason</th><th>Finished</th><th>Evidence</th></tr>\n");
        foreach (var row in summary.NotVerified)
        {
            var r = row.Record;
            var link = r.EvidencePath is { } path ? evidenceLink(path) : null;
            html.Append("<tr><td>").Append(row.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(r.Serial))
                .Append("</td><td>").Append(Encode(r.JobId))
                .Append("</td><td>").Append(Encode(r.Station))
                .Append("</td><td>").Append(r.Outcome.ToString())
                .Append("</td><td>").Append(Encode(r.Reason ?? ""))
                .Append("</td><td>").Append(Time(r.FinishedAt))
                .Append("</td><td>").Append(link is null ? "-" : $"<a href=\"{Encode(link)}\">image</a>")
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (summary.NotVerifiedLeftOut > 0)
        {
            html.Append("<p>").Append(summary.NotVerifiedLeftOut.ToString(CultureInfo.InvariantCulture))
                .Append(" more pins were not verified; export the records for the full list.</p>\n");
        }
    }

    private static string Row(string label, long value) =>
        $"<tr><th>{label}</th><td>{value.ToString(CultureInfo.InvariantCulture)}</td></tr>\n";

    private static string Image(string file, string alt) => $"<p><img src=\"{Encode(file)}\" alt=\"{alt}\"></p>\n";

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
