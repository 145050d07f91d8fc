using System.Globalization;
using System.Security.Claims;
using Engraver.Service.Station;
using Engraver.Traceability.Anchoring;
using Engraver.Traceability.Audit;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engraver.Service.Api;

/// <summary>GET /api/audit/export?from=&amp;to=&amp;format=csv|json: the pin records finished in [from, to), in
/// the format of <c>engraver audit export</c>. Who exported what is kept in the command log. The head the export
/// covers comes in the header <see cref="CheckpointHeader"/>: the store's signed checkpoint of its records (a
/// checkpoint line, as <c>audit verify --checkpoints</c> reads), taken before the rows are read.</summary>
public static class AuditExportEndpoint
{
    public const string CheckpointHeader = "Engraver-Records-Checkpoint";

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/audit/export", ExportAsync).RequireAuthorization(ApiPolicies.Audit);
    }

    private static async Task ExportAsync(HttpContext context, string? from, string? to, string? format, ApiCommandRunner runner, StationRuntime runtime)
    {
        var problems = new List<string>();
        var fromTime = ParseTime(from, "from", problems);
        var toTime = ParseTime(to, "to", problems);
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "json"))
        {
            problems.Add($"format '{format}' is not csv or json");
        }

        if (problems.Count > 0)
        {
            await Results.Problem(title: "The request is not valid", detail: string.Join("; ", problems) + ".", statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var arguments = CommandArguments.From([new("format", kind), new("from", from), new("to", to)]);
        var (accepted, response) = await runner.RunWithOutcomeAsync(context.User, "audit-export", arguments, _ => Task.FromResult<object?>(null), context.RequestAborted).ConfigureAwait(false);
        if (!accepted || runtime.Devices is not { } devices)
        {
            await response.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if ((await devices.Records.ReadCheckpointsAsync(context.RequestAborted).ConfigureAwait(false)).GetValueOrDefault(Checkpoint.Pins) is { } checkpoint)
        {
            context.Response.Headers[CheckpointHeader] = checkpoint.ToLine();
        }

        var rows = devices.Records.QueryAsync(new RecordQuery { From = fromTime, To = toTime }, context.RequestAborted);
        if (kind == "json")
        {
            context.Response.ContentType = "application/json";
            await RecordExport.WriteJsonAsync(rows, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await RecordExport.WriteCsvAsync(rows, writer, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset? ParseTime(string? text, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        problems.Add($"{name} '{text}' is not an ISO 8601 date or time such as 2026-11-24T08:00:00Z");
        return null;
    }
}
