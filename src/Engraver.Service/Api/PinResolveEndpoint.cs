using System.Security.Claims;
using Engraver.Core.Station;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engraver.Service.Api;

/// <summary>The body of POST /api/pins/{serial}/resolve.</summary>
public sealed record ResolveRequest(string? Outcome, string? Note);

/// <summary>POST /api/pins/{serial}/resolve: a supervisor's verdict on a pin that needs inspection. A new pin
/// record is appended (the NeedsInspection row stays: the chain is append-only) with the chosen outcome, the
/// same attempt, and who resolved it and why; a serial whose latest record is not NeedsInspection is refused.</summary>
public static class PinResolveEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/pins/{serial}/resolve", ResolveAsync).RequireAuthorization(ApiPolicies.Supervisor);
    }

    private static Task<IResult> ResolveAsync(
        string serial, ResolveRequest? request, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime, CancellationToken ct)
    {
        var outcome = request?.Outcome switch
        {
            nameof(PinOutcome.Verified) => PinOutcome.Verified,
            nameof(PinOutcome.Rejected) => PinOutcome.Rejected,
            _ => (PinOutcome?)null,
        };
        if (outcome is null || string.IsNullOrWhiteSpace(request?.Note))
        {
            return Task.FromResult(Results.Problem(
                title: "The request is not valid",
                detail: "The body must be { \"outcome\": \"Verified\" | \"Rejected\", \"note\": \"what the inspection found\" } with a note.",
                statusCode: StatusCodes.Status400BadRequest));
        }

        var note = request!.Note!.Trim();
        var arguments = CommandArguments.From([new("serial", serial), new("outcome", outcome.Value.ToString()), new("note", note)]);
        return runner.RunAsync(user, "resolve-pin", arguments, async c =>
        {
            var history = await c.Records.FindBySerialAsync(serial, c.CancellationToken).ConfigureAwait(false);
            var latest = history.OrderBy(r => r.Sequence).LastOrDefault()?.Record;
            if (latest is not { Outcome: PinOutcome.NeedsInspection })
            {
                throw new CommandRefusedException(
                    $"Serial {serial} has no pin waiting for inspection (its latest record is {latest?.Outcome.ToString() ?? "missing"}).");
            }

            var resolution = latest with
            {
                Operator = c.User,
                Outcome = outcome.Value,
                Reason = $"resolved by {c.User} after inspection: {note}",
                FinishedAt = runtime.Clock.GetUtcNow(),
            };
            var stored = await c.Records.AppendPinAsync(resolution, c.CancellationToken).ConfigureAwait(false);
            runtime.PinRecorded(resolution);
            if (c.Loop.Snapshot.State == StationState.NeedsInspection)
            {
                await c.Loop.FireAsync(StationTrigger.InspectionResolved, c.CancellationToken).ConfigureAwait(false);
            }

            return new { serial, outcome = resolution.Outcome.ToString(), pinSequence = stored.Sequence };
        }, ct);
    }
}
