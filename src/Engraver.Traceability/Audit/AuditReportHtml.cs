using System.Globalization;
using System.Net;
using System.Text;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>The pictures an audit report shows, as file names beside the HTML page.</summary>
public sealed record AuditReportImages(string YieldPerHour, string Grades, string RejectReasons);

/// <summary>Writes the audit report page: chain state, counts, the three plots, and every pin that was not
/// verified with a link to its evidence image. All text from records is HTML-encoded. Records made with
/// simulated devices are counted in a column of their own and marked SIMULATED wherever they are listed,
/// so an auditor cannot take a pin from the station twin for a production pin.</summary>
public static class AuditReportHtml
{
    /// <param name="evidenceLink">Turns a record's evidence path into a link target, or null for none.</param>
    /// <param name="evidence">The evidence files re-hashed; missing and changed ones are listed and marked.</param>
    /// <param name="commands">The command log in the report's range, summarised per user and per command.</param>
    public static string Render(
        AuditSummary summary, ChainVerification chain, string source, string scope, DateTimeOffset generatedAt,
        AuditReportImages images, Func<string, string?> evidenceLink,
        EvidenceVerification? evidence = null, IReadOnlyList<StoredCommandRecord>? commands = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(evidenceLink);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Engraver audit report</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:left;vertical-align:top}")
            .Append(".ok{color:#070}.broken,.simulated{color:#b00;font-weight:bold}img{max-width:100%;border:1px solid #ddd;margin:6px 0}</style>\n")
            .Append("</head>\n<body>\n<h1>Engraver audit report</h1>\n");
        html.Append("<p>Records: ").Append(Encode(source)).Append("<br>Scope: ").Append(Encode(scope))
            .Append("<br>Generated: ").Append(Time(generatedAt)).Append("</p>\n");

        html.Append("<h2>Hash chain</h2>\n");
        html.Append(chain.Intact
            ? $"<p class=\"ok\">Intact: all {chain.RowsChecked} records link to the one before and hash to their stored value.</p>\n"
            : $"<p class=\"broken\">BROKEN at record {chain.FirstBrokenSequence}: {Encode(chain.Problem ?? "")}</p>\n");

        AppendPinCounts(html, summary);
        if (summary.Simulated.Total > 0)
        {
            html.Append("<p>The plots below include the ").Append(summary.Simulated.Total.ToString(CultureInfo.InvariantCulture))
                .Append(" SIMULATED records.</p>\n");
        }

        html.Append("<h2>Yield per hour</h2>\n").Append(Image(images.YieldPerHour, "Yield per hour"))
            .Append("<h2>Grade distribution</h2>\n").Append(Image(images.Grades, "Grade distribution"))
            .Append("<h2>Rejects by reason</h2>\n").Append(Image(images.RejectReasons, "Rejects by reason"));
        AppendReasonTable(html, summary.RejectReasons);
        var problems = (evidence?.Problems ?? []).ToDictionary(p => p.Sequence);
        AppendEvidence(html, evidence);
        AppendNotVerified(html, summary, evidenceLink, problems);
        if (commands is not null)
        {
            AuditReportCommands.Append(html, commands);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendPinCounts(StringBuilder html, AuditSummary summary)
    {
        html.Append("<h2>Pins</h2>\n");
        if (summary.Simulated.Total > 0)
        {
            html.Append("<p class=\"simulated\">SIMULATED: ").Append(summary.Simulated.Total.ToString(CultureInfo.InvariantCulture))
                .Append(" of ").Append(summary.Total.ToString(CultureInfo.InvariantCulture))
                .Append(" records were made with simulated devices. They are not production pins and are counted apart.</p>\n");
        }

        // Serials and pins, not records: a rejected attempt is a pin of its own, a resolved inspection a second
        // record of one pin.
        html.Append("<p>Production: ").Append(Encode(summary.ProductionYield.ToString())).Append(".</p>\n");
        if (summary.Simulated.Total > 0)
        {
            html.Append("<p class=\"simulated\">SIMULATED: ").Append(Encode(summary.SimulatedYield.ToString())).Append(".</p>\n");
        }

        var (production, simulated) = (summary.Production, summary.Simulated);
        html.Append("<table>\n<tr><th></th><th>Production</th><th class=\"simulated\">SIMULATED</th></tr>\n")
            .Append(Row("Records", production.Total, simulated.Total))
            .Append(Row("Verified", production.Verified, simulated.Verified))
            .Append(Row("Rejected", production.Rejected, simulated.Rejected))
            .Append(Row("Needs inspection", production.NeedsInspection, simulated.NeedsInspection))
            .Append("<tr><th>Records verified</th><td>").Append(Percent(production.Yield)).Append("</td><td>").Append(Percent(simulated.Yield)).Append("</td></tr>\n")
            .Append(Row("Serials", summary.ProductionYield.Serials, summary.SimulatedYield.Serials))
            .Append(Row("Serials verified", summary.ProductionYield.SerialsVerified, summary.SimulatedYield.SerialsVerified))
            .Append("<tr><th>Yield per serial</th><td>").Append(Percent(summary.ProductionYield.SerialYield)).Append("</td><td>").Append(Percent(summary.SimulatedYield.SerialYield)).Append("</td></tr>\n")
            .Append(Row("Pins used", summary.ProductionYield.Pins, summary.SimulatedYield.Pins))
            .Append(Row("Pins verified", summary.ProductionYield.PinsVerified, summary.SimulatedYield.PinsVerified))
            .Append("<tr><th>Yield per pin</th><td>").Append(Percent(summary.ProductionYield.PinYield)).Append("</td><td>").Append(Percent(summary.SimulatedYield.PinYield)).Append("</td></tr>\n")
            .Append("</table>\n<table>\n")
            .Append("<tr><th>First finished</th><td>").Append(summary.FirstFinished is { } first ? Time(first) : "-").Append("</td></tr>\n")
            .Append("<tr><th>Last finished</th><td>").Append(summary.LastFinished is { } last ? Time(last) : "-").Append("</td></tr>\n")
            .Append("</table>\n");
        if (summary.SimulatedDevices.Count > 0)
        {
            html.Append("<table>\n<tr><th>Simulated devices</th><th>Records</th></tr>\n");
            foreach (var devices in summary.SimulatedDevices)
            {
                html.Append("<tr><td class=\"simulated\">SIMULATED: ").Append(Encode(devices.Label)).Append("</td><td>")
                    .Append(devices.Count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }
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

    private static void AppendEvidence(StringBuilder html, EvidenceVerification? evidence)
    {
        if (evidence is null)
        {
            return;
        }

        html.Append("<h2>Evidence</h2>\n");
        if (evidence.Intact)
        {
            html.Append($"<p class=\"ok\">All {evidence.FilesChecked.ToString(CultureInfo.InvariantCulture)} evidence files are present with the SHA-256 their records hold.</p>\n");
            return;
        }

        html.Append($"<p class=\"broken\">{evidence.Problems.Count.ToString(CultureInfo.InvariantCulture)} of {evidence.FilesChecked.ToString(CultureInfo.InvariantCulture)} evidence files are missing or changed:</p>\n");
        html.Append("<table>\n<tr><th>Record</th><th>Serial</th><th>Evidence</th><th>File</th></tr>\n");
        foreach (var problem in evidence.Problems)
        {
            html.Append("<tr><td>").Append(problem.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(problem.Serial))
                .Append("</td><td class=\"broken\">").Append(problem.Missing ? "MISSING" : "CHANGED")
                .Append("</td><td>").Append(Encode(problem.Path))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendNotVerified(StringBuilder html, AuditSummary summary, Func<string, string?> evidenceLink, Dictionary<long, EvidenceProblem> problems)
    {
        html.Append("<h2>Pins not verified</h2>\n");
        if (summary.NotVerified.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>Record</th><th>Serial</th><th>Job</th><th>Station</th><th>Outcome</th><th>Devices</th><th>Reason</th><th>Finished</th><th>Evidence</th></tr>\n");
        foreach (var row in summary.NotVerified)
        {
            var r = row.Record;
            var link = r.EvidencePath is { } path ? evidenceLink(path) : null;
            html.Append("<tr><td>").Append(row.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(r.Serial))
                .Append("</td><td>").Append(Encode(r.JobId))
                .Append("</td><td>").Append(Encode(r.Station))
                .Append("</td><td>").Append(r.Outcome.ToString())
                .Append(r.IsSimulated ? $"</td><td class=\"simulated\">SIMULATED: {Encode(r.SimulatedDevices!)}" : "</td><td>production")
                .Append("</td><td>").Append(Encode(r.Reason ?? ""))
                .Append("</td><td>").Append(Time(r.FinishedAt))
                .Append(problems.TryGetValue(row.Sequence, out var problem)
                    ? $"</td><td class=\"broken\">evidence {(problem.Missing ? "MISSING" : "CHANGED")}{(link is null ? "" : $" <a href=\"{Encode(link)}\">image</a>")}"
                    : link is null ? "</td><td>-" : $"</td><td><a href=\"{Encode(link)}\">image</a>")
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (summary.NotVerifiedLeftOut > 0)
        {
            html.Append("<p>").Append(summary.NotVerifiedLeftOut.ToString(CultureInfo.InvariantCulture))
                .Append(" more pins were not verified; export the records for the full list.</p>\n");
        }
    }

    private static string Row(string label, long production, long simulated) =>
        $"<tr><th>{label}</th><td>{production.ToString(CultureInfo.InvariantCulture)}</td><td>{simulated.ToString(CultureInfo.InvariantCulture)}</td></tr>\n";

    private static string Percent(double? share) => share is { } value ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";

    private static string Image(string file, string alt) => $"<p><img src=\"{Encode(file)}\" alt=\"{alt}\"></p>\n";

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
