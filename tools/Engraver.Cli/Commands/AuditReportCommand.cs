using System.CommandLine;
using System.Text;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Records;

namespace Engraver.Cli.Commands;

/// <summary>`engraver audit report --out DIR [--from --to]`: an HTML page with what it covers, the chain's state,
/// counts per record, per pin and per pin lot, yield per hour, grade distribution and rejects by reason (PNG
/// plots), the pins not verified and one row per serial, with links to evidence images.</summary>
internal static class AuditReportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write index.html and the plots into.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace a report already in the --out folder." };
        var from = AuditCommand.TimeOption("--from", "Report on records finished at or after this time.");
        var to = AuditCommand.TimeOption("--to", "Report on records finished before this time.");
        var source = new AuditStoreSource();
        var command = new Command("report", "Write an HTML audit report with plots.") { output, from, to, force };
        source.AddTo(command);
        command.SetAction((result, token) => AuditCommand.GuardAsync("report", () => RunAsync(
            source, result, result.GetValue(output)!, new RecordQuery { From = result.GetValue(from), To = result.GetValue(to) }, result.GetValue(force), token)));
        return command;
    }

    private static async Task<int> RunAsync(AuditStoreSource source, ParseResult result, string output, RecordQuery query, bool force, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(output);
        var images = new AuditReportImages("yield-per-hour.png", "grades.png", "reject-reasons.png");
        var page = Path.Combine(folder, "index.html");
        var guard = source.Guard(result);
        foreach (var file in new[] { page, images.YieldPerHour, images.Grades, images.RejectReasons }.Select(f => Path.Combine(folder, f)))
        {
            guard.Check(file, force);
        }

        var (store, location, dataFolder) = await source.OpenAsync(result, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(folder);
        await using (store.ConfigureAwait(false))
        {
            var builder = new AuditSummaryBuilder();
            await foreach (var row in store.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                builder.Add(row);
            }

            var summary = builder.Build();
            var chain = await store.VerifyChainAsync(cancellationToken).ConfigureAwait(false);
            var commandChain = await store.VerifyCommandChainAsync(cancellationToken).ConfigureAwait(false);
            var (options, _, _) = source.Resolve(result);
            var (anchors, _) = await AuditAnchors.VerifyAsync(store, chain, commandChain, options, dataFolder, [], [], cancellationToken).ConfigureAwait(false);
            var evidence = await EvidenceVerifier.VerifyAsync(store.QueryAsync(query, cancellationToken), dataFolder, cancellationToken).ConfigureAwait(false);
            var commandQuery = new CommandQuery(query.From, query.To);
            var commands = new List<Traceability.Commands.StoredCommandRecord>();
            await foreach (var command in store.ListCommandsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (commandQuery.Matches(command.Record))
                {
                    commands.Add(command);
                }
            }

            AuditReportPlots.Save(AuditPlotData.YieldPerHour(summary.YieldPerHour), Path.Combine(folder, images.YieldPerHour));
            AuditReportPlots.Save(AuditPlotData.Grades(summary.Grades), Path.Combine(folder, images.Grades));
            AuditReportPlots.Save(AuditPlotData.RejectReasons(summary.RejectReasons), Path.Combine(folder, images.RejectReasons));

            var html = AuditReportHtml.Build(summary, chain, location, Scope(query), DateTimeOffset.UtcNow, images,
                path => EvidenceLink(path, dataFolder, folder), evidence, commands, anchors);
            await WritePageAsync(page, html, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"audit report: {summary.Total} records ({summary.Production.Total} production, {summary.Simulated.Total} SIMULATED), chain {(chain.Intact ? "intact" : $"BROKEN at record {chain.FirstBrokenSequence}")}; {page}");
            Console.WriteLine($"evidence: {evidence.FilesChecked} files checked, {evidence.Problems.Count(p => p.Missing)} missing, {evidence.Problems.Count(p => !p.Missing)} changed; commands: {commands.Count}");
            Console.WriteLine($"production: {summary.ProductionYield}");
            if (summary.Simulated.Total > 0)
            {
                Console.WriteLine($"SIMULATED: {summary.SimulatedYield}");
            }

            foreach (var head in anchors.Heads)
            {
                Console.WriteLine($"signed head: {head.Describe()}");
            }

            foreach (var finding in anchors.Findings.Where(f => f.Severity is Traceability.Anchoring.AnchorSeverity.Tampered or Traceability.Anchoring.AnchorSeverity.KeyNeeded))
            {
                Console.WriteLine(Traceability.Audit.TerminalText.Escape(finding.Message));
            }

            return chain.Intact && !anchors.Tampered ? 0 : 1;
        }
    }

    /// <summary>Writes the page chunk by chunk: a page of a hundred thousand serials is never copied into one string.</summary>
    private static async Task WritePageAsync(string path, StringBuilder html, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using (writer.ConfigureAwait(false))
        {
            foreach (var chunk in html.GetChunks())
            {
                await writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Scope(RecordQuery query) => (query.From, query.To) switch
    {
        (null, null) => "all records",
        ({ } from, null) => $"records finished from {from:u}",
        (null, { } to) => $"records finished before {to:u}",
        ({ } from, { } to) => $"records finished from {from:u} to before {to:u}",
    };

    /// <summary>A link from the report folder to an evidence image: relative paths in records are taken
    /// from the data folder. A link is given only when the file is there.</summary>
    private static string? EvidenceLink(string evidence, string dataFolder, string reportFolder)
    {
        var path = EvidenceVerifier.Resolve(evidence, dataFolder);
        return File.Exists(path) ? Path.GetRelativePath(reportFolder, path).Replace('\\', '/') : null;
    }
}
