using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engraver.Traceability.Commands;

namespace Engraver.Traceability.Audit;

/// <summary>The report's test-fire QA section: every `qa-casings` row of the command log in range, per serial
/// (then in log order): when, who, the pin record it stands beside, each casing's file with its SHA-256 prefix
/// and whether it read the serial on its own, how many read it alone, and what all of them read together.</summary>
public static partial class AuditReportQa
{
    /// <summary>The command-log name of a test-fire legibility check (`engraver qa casings`).</summary>
    public const string QaCasingsCommand = "qa-casings";

    private const int MostListed = 500;

    public static void Append(StringBuilder html, IReadOnlyList<StoredCommandRecord> commands)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(commands);
        html.Append("<h2>Test-fire QA</h2>\n");
        var checks = commands.Where(c => c.Record.Command == QaCasingsCommand).Select(Check.From).ToList();
        if (checks.Count == 0)
        {
            html.Append("<p>No test-fire QA check (<code>engraver qa casings</code>) in this range.</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>Serial</th><th>At</th><th>User</th><th>Command #</th><th>Pin record</th><th>Casings: file, SHA-256 prefix, read alone</th><th>Read alone</th><th>Read together</th></tr>\n");
        foreach (var check in checks.OrderBy(c => c.Serial, StringComparer.Ordinal).ThenBy(c => c.Sequence).Take(MostListed))
        {
            html.Append("<tr><td>").Append(AuditReportHtml.Encode(check.Serial))
                .Append("</td><td>").Append(check.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(AuditReportHtml.Encode(check.User))
                .Append("</td><td>").Append(check.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(AuditReportHtml.Encode(check.PinRecord))
                .Append("</td><td>").Append(string.Join("<br>", check.Casings.Select((c, i) =>
                    $"{i + 1}. {AuditReportHtml.Encode(c.File)} <code>{AuditReportHtml.Encode(c.Sha256Prefix)}</code> {(c.Read ? "read" : "<span class=\"broken\">not read</span>")}")))
                .Append("</td><td>").Append(AuditReportHtml.Encode(check.ReadAlone)).Append(" of ").Append(AuditReportHtml.Encode(check.CasingCount))
                .Append("</td><td").Append(check.ReadTogether ? ">" : " class=\"broken\">").Append(AuditReportHtml.Encode(check.Together))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (checks.Count > MostListed)
        {
            html.Append("<p>").Append((checks.Count - MostListed).ToString(CultureInfo.InvariantCulture))
                .Append(" more; list them with <code>engraver audit commands</code>.</p>\n");
        }
    }

    // name:0123456789abcdef:read, names may hold spaces; the hash prefix and the result end each entry.
    [GeneratedRegex("(?<file>\\S.*?):(?<hash>[0-9a-f]{16}):(?<result>read|not-read)(?= |$)")]
    private static partial Regex CasingEntry();

    private sealed record Casing(string File, string Sha256Prefix, bool Read);

    private sealed record Check(long Sequence, DateTimeOffset At, string User, string Serial, string PinRecord, string CasingCount, string ReadAlone, bool ReadTogether, string Together, IReadOnlyList<Casing> Casings)
    {
        public static Check From(StoredCommandRecord row)
        {
            using var arguments = ParseOrEmpty(row.Record.Arguments);
            var root = arguments.RootElement;
            var serial = Text(root, "serial");
            var together = Text(root, "readTogether") == "true";
            var fused = Text(root, "fused");
            var leftOut = Text(root, "leftOut");
            var said = (fused == "?" ? (together ? $"serial {serial}" : "not the serial") : fused == "none" ? "no identity" : together ? $"serial {fused}" : $"{fused}, NOT {serial}")
                + (leftOut is "?" or "0" ? string.Empty : $" ({leftOut} casing(s) could not be placed and were left out)");
            var casings = CasingEntry().Matches(Text(root, "files"))
                .Select(m => new Casing(m.Groups["file"].Value, m.Groups["hash"].Value, m.Groups["result"].Value == "read")).ToList();
            return new Check(row.Sequence, row.Record.At, row.Record.User, serial, "#" + Text(root, "pinRecord"), Text(root, "casings"), Text(root, "readAlone"), together, said, casings);
        }

        private static JsonDocument ParseOrEmpty(string json)
        {
            try
            {
                return JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                return JsonDocument.Parse("{}");
            }
        }

        private static string Text(JsonElement root, string name) =>
            root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value) ? "?"
            : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
