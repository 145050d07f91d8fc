using System.Globalization;
using System.Net;
using System.Text;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Chain;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Audit;

/// <summary>The pictures an audit report shows, as file names beside the HTML page.</summary>
public sealed record AuditReportImages(string YieldPerHour, string Grades, string RejectReasons);

/// <summary>Writes the audit report page: one sentence on what it covers, chain state, counts per record, per
/// pin and per pin lot, the three plots, every pin that was not verified with a link to its evidence image,
/// one row per serial, and (with the command log) every test-fire QA check and the commands. All text from records is HTML-encoded. Records made with
/// simulated devices are counted in a column of their own and marked SIMULATED wherever they are listed,
/// so an auditor cannot take a pin from the station twin for a production pin.</summary>
public static class AuditReportHtml
{
    private const int MostEvidenceProblemsListed = 500;

    /// <param name="evidenceLink">Turns a record's evidence path into a link target, or null for none.</param>
    /// <param name="evidence">The evidence files re-hashed; missing and changed ones are listed and marked.</param>
    /// <param name="commands">The command log in the report's range, summarised per user and per command.</param>
    /// <param name="anchors">The chains checked against their signed checkpoints: the heads the report covers, and what did not hold.</param>
    public static string Render(
        AuditSummary summary, ChainVerification chain, string source, string scope, DateTimeOffset generatedAt,
        AuditReportImages images, Func<string, string?> evidenceLink,
        EvidenceVerification? evidence = null, IReadOnlyList<StoredCommandRecord>? commands = null, AnchorVerification? anchors = null) =>
        Build(summary, chain, source, scope, generatedAt, images, evidenceLink, evidence, commands, anchors).ToString();

    /// <summary>The page as <see cref="Render"/> writes it, left in the builder: a page of a hundred thousand serials
    /// is written out chunk by chunk (<see cref="StringBuilder.GetChunks"/>) instead of copied into one string first.</summary>
    public static StringBuilder Build(
        AuditSummary summary, ChainVerification chain, string source, string scope, DateTimeOffset generatedAt,
        AuditReportImages images, Func<string, string?> evidenceLink,
        EvidenceVerification? evidence = null, IReadOnlyList<StoredCommandRecord>? commands = null, AnchorVerification? anchors = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(evidenceLink);
        // Sized for the per-serial table up front: one growth of a 30 MB builder costs more than the rows.
        var html = new StringBuilder(16 * 1024 + (summary.Serials.Count * 320));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Engraver audit report</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:6px 0}")
            .Append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:left;vertical-align:top}td.n{text-align:right}")
            .Append(".ok{color:#070}.broken,.simulated{color:#b00;font-weight:bold}img{max-width:100%;border:1px solid #ddd;margin:6px 0}</style>\n")
            .Append("</head>\n<body>\n<h1>Engraver audit report</h1>\n");
        AppendCoverage(html, summary, scope);
        html.Append("<p>Records: ").Append(Encode(source)).Append("<br>Scope: ").Append(Encode(scope))
            .Append("<br>Generated: ").Append(Time(generatedAt)).Append("</p>\n");

        html.Append("<h2>Hash chain</h2>\n");
        html.Append(chain.Intact
            ? $"<p class=\"ok\">Intact: all {chain.RowsChecked} records link to the one before and hash to their stored value.</p>\n"
            : $"<p class=\"broken\">BROKEN at record {chain.FirstBrokenSequence}: {Encode(chain.Problem ?? "")}</p>\n");
        AppendAnchors(html, anchors);

        AppendPinCounts(html, summary);
        if (summary.Simulated.Total > 0)
        {
            html.Append("<p>The plots below include the ").Append(summary.Simulated.Total.ToString(CultureInfo.InvariantCulture))
                .Append(" SIMULATED records.</p>\n");
        }

        html.Append("<h2>Yield over time</h2>\n").Append(Image(images.YieldPerHour, "Yield over time"))
            .Append("<h2>Grade distribution</h2>\n").Append(Image(images.Grades, "Grade distribution"))
            .Append("<h2>Rejects by reason</h2>\n").Append(Image(images.RejectReasons, "Rejects by reason"));
        AppendReasonTable(html, summary.RejectReasons);
        var problems = (evidence?.Problems ?? []).ToDictionary(p => p.Sequence);
        AppendEvidence(html, evidence);
        AppendNotVerified(html, summary, evidenceLink, problems);
        AuditReportSerials.Append(html, summary.Serials, evidenceLink, problems);
        if (commands is not null)
        {
            AuditReportQa.Append(html, commands);
            AuditReportCommands.Append(html, commands);
        }

        html.Append("</body>\n</html>\n");
        return html;
    }

    /// <summary>The signed heads the report covers (a later `audit verify` holds the store to them), then every
    /// anchor finding that is not simply sound.</summary>
    private static void AppendAnchors(StringBuilder html, AnchorVerification? anchors)
    {
        if (anchors is null)
        {
            return;
        }

        foreach (var head in anchors.Heads)
        {
            html.Append("<p class=\"ok\">Signed head: ").Append(Encode(head.Describe())).Append(".</p>\n");
        }

        foreach (var finding in anchors.Findings.Where(f => f.Severity != AnchorSeverity.Sound))
        {
            html.Append(finding.Severity == AnchorSeverity.Tampered ? "<p class=\"broken\">" : "<p>").Append(Encode(finding.Message)).Append("</p>\n");
        }
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
        var (productionPins, simulatedPins) = (summary.ProductionPins, summary.SimulatedPins);
        html.Append("<h3>Counted per record and per pin</h3>\n")
            .Append("<p>A pin is one attempt of a serial; its outcome is its latest record, so a resolved inspection (two records) counts once, as its resolution.</p>\n")
            .Append("<table>\n<tr><th></th><th>Production records</th><th>Production pins</th><th class=\"simulated\">SIMULATED records</th><th class=\"simulated\">SIMULATED pins</th></tr>\n")
            .Append(Row("Total", production.Total, productionPins.Total, simulated.Total, simulatedPins.Total))
            .Append(Row("Verified", production.Verified, productionPins.Verified, simulated.Verified, simulatedPins.Verified))
            .Append(Row("Rejected", production.Rejected, productionPins.Rejected, simulated.Rejected, simulatedPins.Rejected))
            .Append(Row("Needs inspection", production.NeedsInspection, productionPins.NeedsInspection, simulated.NeedsInspection, simulatedPins.NeedsInspection))
            .Append("<tr><th>Verified share</th><td class=\"n\">").Append(Percent(production.Yield))
            .Append("</td><td class=\"n\">").Append(Percent(productionPins.Yield))
            .Append("</td><td class=\"n\">").Append(Percent(simulated.Yield))
            .Append("</td><td class=\"n\">").Append(Percent(simulatedPins.Yield)).Append("</td></tr>\n")
            .Append("</table>\n");
        html.Append("<h3>Per serial</h3>\n<table>\n<tr><th></th><th>Production</th><th class=\"simulated\">SIMULATED</th></tr>\n")
            .Append(Row("Serials", summary.ProductionYield.Serials, summary.SimulatedYield.Serials))
            .Append(Row("Serials verified", summary.ProductionYield.SerialsVerified, summary.SimulatedYield.SerialsVerified))
            .Append("<tr><th>Yield per serial</th><td class=\"n\">").Append(Percent(summary.ProductionYield.SerialYield)).Append("</td><td class=\"n\">").Append(Percent(summary.SimulatedYield.SerialYield)).Append("</td></tr>\n")
            .Append("</table>\n<table>\n")
            .Append("<tr><th>First finished</th><td>").Append(summary.FirstFinished is { } first ? Time(first) : "-").Append("</td></tr>\n")
            .Append("<tr><th>Last finished</th><td>").Append(summary.LastFinished is { } last ? Time(last) : "-").Append("</td></tr>\n")
            .Append("</table>\n");
        AppendPinLots(html, summary.PinLots);
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

    /// <summary>One sentence first: what the report covers, so a reader knows before any figure.</summary>
    private static void AppendCoverage(StringBuilder html, AuditSummary summary, string scope)
    {
        html.Append("<p class=\"covers\">This report covers ").Append(Encode(scope));
        if (summary.FirstSequence is not { } first || summary.LastSequence is not { } last)
        {
            html.Append(": no records.</p>\n");
            return;
        }

        html.Append(": ").Append(Count(summary.Total)).Append(summary.Total == 1 ? " record" : " records")
            .Append(", sequence ").Append(Count(first)).Append(" to ").Append(Count(last))
            .Append(", finished ").Append(Time(summary.FirstFinished!.Value)).Append(" to ").Append(Time(summary.LastFinished!.Value))
            .Append(", of ").Append(Count(summary.Serials.Count)).Append(summary.Serials.Count == 1 ? " serial" : " serials");
        if (summary.Simulated.Total > 0)
        {
            html.Append(" (").Append(Count(summary.Simulated.Total)).Append(summary.Simulated.Total == 1 ? " record" : " records").Append(" SIMULATED)");
        }

        html.Append(".</p>\n");
    }

    private static void AppendPinLots(StringBuilder html, IReadOnlyList<PinLotCounts> lots)
    {
        html.Append("<h3>Per pin lot</h3>\n");
        if (lots.Count == 0)
        {
            html.Append("<p>No pins.</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>Pin lot</th><th>Pins</th><th>Verified</th><th>Rejected</th><th>Needs inspection</th><th class=\"simulated\">of them SIMULATED</th></tr>\n");
        foreach (var lot in lots)
        {
            html.Append("<tr><td>").Append(Encode(lot.PinLot))
                .Append("</td><td class=\"n\">").Append(Count(lot.Pins))
                .Append("</td><td class=\"n\">").Append(Count(lot.Verified))
                .Append("</td><td class=\"n\">").Append(Count(lot.Rejected))
                .Append("</td><td class=\"n\">").Append(Count(lot.NeedsInspection))
                .Append("</td><td class=\"n\">").Append(Count(lot.Simulated))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendReasonTable(StringBuilder html, IReadOnlyList<CountedLabel> reasons)
    {
        if (reasons.Count == 0)
        {
            html.Append("<p>No rejects.</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>Reason (numbers shown as N)</th><th>Records</th></tr>\n");
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
        foreach (var problem in evidence.Problems.Take(MostEvidenceProblemsListed))
        {
            html.Append("<tr><td>").Append(problem.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(problem.Serial))
                .Append("</td><td class=\"broken\">").Append(problem.Missing ? "MISSING" : "CHANGED")
                .Append("</td><td>").Append(Encode(problem.Path))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (evidence.Problems.Count > MostEvidenceProblemsListed)
        {
            // The serial table below still marks every one; the full list is audit verify's output.
            html.Append("<p>").Append(Count(evidence.Problems.Count - MostEvidenceProblemsListed))
                .Append(" more; list them all with <code>engraver audit verify</code>.</p>\n");
        }
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

    private static string Row(string label, params long[] values) =>
        $"<tr><th>{label}</th>{string.Concat(values.Select(v => $"<td class=\"n\">{Count(v)}</td>"))}</tr>\n";

    internal static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } value ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";

    private static string Image(string file, string alt) => $"<p><img src=\"{Encode(file)}\" alt=\"{alt}\"></p>\n";

    internal static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
