using System.Globalization;
using System.Text;

namespace Engraver.Traceability.Audit;

/// <summary>The report's per-serial table: one row per serial in scope, sorted by serial, with its final outcome,
/// the pins it used, who made or resolved its latest record and when, its grade and its evidence. Rows are
/// appended straight into the page, so a scope of a hundred thousand serials costs one pass.</summary>
internal static class AuditReportSerials
{
    public static void Append(StringBuilder html, IReadOnlyList<SerialRow> serials, Func<string, string?> evidenceLink, Dictionary<long, EvidenceProblem> problems)
    {
        html.Append("<h2>Serials</h2>\n");
        if (serials.Count == 0)
        {
            html.Append("<p>No serials in this range.</p>\n");
            return;
        }

        html.Append("<p>").Append(AuditReportHtml.Count(serials.Count))
            .Append(" serials, each as its latest record in this range says; the person is the operator on that record (for a resolved inspection, the person who resolved it).</p>\n")
            .Append("<table>\n<tr><th>Serial</th><th>Make / model</th><th>Final outcome</th><th>Pins used</th><th>Person</th><th>Finished (UTC)</th><th>Grade</th><th>Evidence</th><th>Devices</th></tr>\n");
        foreach (var row in serials)
        {
            html.Append("<tr><td>").Append(AuditReportHtml.Encode(row.Serial))
                .Append("</td><td>").Append(AuditReportHtml.Encode(row.Make)).Append(" / ").Append(AuditReportHtml.Encode(row.Model))
                .Append("</td><td>").Append(row.Outcome)
                .Append("</td><td class=\"n\">").Append(AuditReportHtml.Count(row.PinsUsed))
                .Append("</td><td>").Append(AuditReportHtml.Encode(row.Person))
                .Append("</td><td>").Append(row.Finished.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(string.IsNullOrWhiteSpace(row.Grade) ? "-" : AuditReportHtml.Encode(row.Grade));
            AppendEvidence(html, row, evidenceLink, problems);
            html.Append(row.IsSimulated ? "</td><td class=\"simulated\">SIMULATED: " : "</td><td>production")
                .Append(row.IsSimulated ? AuditReportHtml.Encode(row.SimulatedDevices!) : "")
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendEvidence(StringBuilder html, SerialRow row, Func<string, string?> evidenceLink, Dictionary<long, EvidenceProblem> problems)
    {
        if (string.IsNullOrEmpty(row.EvidencePath))
        {
            html.Append("</td><td>none");
            return;
        }

        var link = evidenceLink(row.EvidencePath);
        if (problems.TryGetValue(row.Sequence, out var problem))
        {
            html.Append("</td><td class=\"broken\">").Append(problem.Missing ? "MISSING" : "CHANGED");
        }
        else
        {
            html.Append("</td><td>").Append(link is null ? "not found" : "");
        }

        if (link is not null)
        {
            html.Append(problem is null ? "" : " ").Append("<a href=\"").Append(AuditReportHtml.Encode(link)).Append("\">image</a>");
        }
    }
}
