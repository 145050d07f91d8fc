using System.Globalization;
using System.Text;
using Engraver.Traceability.Commands;

namespace Engraver.Traceability.Audit;

/// <summary>The report's command-log section: who gave how many commands, how often each command was given,
/// and every command that was refused or failed.</summary>
internal static class AuditReportCommands
{
    private const int MostListed = 500;

    public static void Append(StringBuilder html, IReadOnlyList<StoredCommandRecord> commands)
    {
        html.Append("<h2>Commands</h2>\n");
        if (commands.Count == 0)
        {
            html.Append("<p>No commands in this range.</p>\n");
            return;
        }

        html.Append("<h3>Per user</h3>\n");
        Counts(html, "User", commands.GroupBy(c => (c.Record.User, c.Record.Role)).Select(g => ($"{g.Key.User} ({g.Key.Role})", g)));
        html.Append("<h3>Per command</h3>\n");
        Counts(html, "Command", commands.GroupBy(c => c.Record.Command).Select(g => (g.Key, g)));

        var notAccepted = commands.Where(c => c.Record.Outcome != CommandRecord.Accepted).ToList();
        html.Append("<h3>Refused or failed</h3>\n");
        if (notAccepted.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>Command #</th><th>At</th><th>User</th><th>Role</th><th>Command</th><th>Arguments</th><th>Outcome</th></tr>\n");
        foreach (var row in notAccepted.Take(MostListed))
        {
            var r = row.Record;
            html.Append("<tr><td>").Append(row.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(AuditReportHtml.Encode(r.User))
                .Append("</td><td>").Append(AuditReportHtml.Encode(r.Role))
                .Append("</td><td>").Append(AuditReportHtml.Encode(r.Command))
                .Append("</td><td>").Append(AuditReportHtml.Encode(r.Arguments))
                .Append("</td><td class=\"broken\">").Append(AuditReportHtml.Encode(r.Outcome))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (notAccepted.Count > MostListed)
        {
            html.Append("<p>").Append((notAccepted.Count - MostListed).ToString(CultureInfo.InvariantCulture))
                .Append(" more; list them with <code>engraver audit commands</code>.</p>\n");
        }
    }

    private static void Counts<TKey>(StringBuilder html, string heading, IEnumerable<(string Label, IGrouping<TKey, StoredCommandRecord> Group)> groups) =>
        CountsOf(html, heading, groups.Select(g => (g.Label, (IEnumerable<StoredCommandRecord>)g.Group)));

    private static void CountsOf(StringBuilder html, string heading, IEnumerable<(string Label, IEnumerable<StoredCommandRecord> Rows)> groups)
    {
        html.Append("<table>\n<tr><th>").Append(heading).Append("</th><th>Commands</th><th>Accepted</th><th>Refused</th><th>Failed</th></tr>\n");
        foreach (var (label, rows) in groups.OrderBy(g => g.Label, StringComparer.Ordinal))
        {
            var list = rows.ToList();
            html.Append("<tr><td>").Append(AuditReportHtml.Encode(label))
                .Append("</td><td>").Append(list.Count.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(list.Count(c => c.Record.Outcome == CommandRecord.Accepted).ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(list.Count(c => c.Record.Outcome.StartsWith("Refused", StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(list.Count(c => c.Record.Outcome.StartsWith("Failed", StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }
}
