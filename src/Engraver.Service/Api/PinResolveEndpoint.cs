using System.Security.Claims;
using Engraver.Core.Input;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>The body of POST /api/pins/{serial}/resolve.</summary>
public sealed record ResolveRequest(string? Outcome, string? Note);

/// <summary>POST /api/pins/{serial}/resolve: a supervisor's verdict on a pin that needs inspection. A new pin
/// record is appended (the NeedsInspection row stays: the chain is append-only) with the chosen outcome, the
/// same attempt, and who resolved it and why; then the serial follows the rule of <see cref="InspectionResolver"/>
/// (Verified ends it; Rejected, the pin is scrapped: back in its job's queue while attempts are left, else
/// Failed, needing a new pin). A serial whose latest record is not NeedsInspection is refused.</summary>
public static class PinResolveEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/pins/{serial}/resolve", ResolveAsync).RequireAuthorization(ApiPolicies.Supervisor);
    }

    private static Task<IResult> ResolveAsync(
        string serial, ResolveRequest? request, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime, IOptions<StationOptions> station, CancellationToken ct)
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
        foreach (var (field, value, kind) in new[] { ("serial", serial, TextField.Id("serial")), ("note", note, TextField.Note()) })
        {
            if (FreeText.Problem(value, kind) is { } problem)
            {
                var quoted = CommandArguments.From([new("serial", FreeText.Quote(serial)), new("outcome", outcome.Value.ToString()), new("note", FreeText.Quote(note))]);
                return runner.RefuseInputAsync(user, "resolve-pin", quoted, field, problem, ct);
            }
        }

        var arguments = CommandArguments.From([new("serial", serial), new("outcome", outcome.Value.ToString()), new("note", note)]);
        return runner.RunAsync(user, "resolve-pin", arguments, async c =>
        {
            var resolver = new InspectionResolver(c.Records, c.Loop, runtime.Clock, station.Value.MaxAttemptsPerSerial);
            ResolvedInspection resolved;
            try
            {
                resolved = await resolver.ResolveAsync(serial, outcome == PinOutcome.Verified, c.User, $"resolved by {c.User} after inspection: {note}", c.CancellationToken)
                    .ConfigureAwait(false);
            }
            catch (NoInspectionWaitingException none)
            {
                throw new CommandRefusedException(none.Message);
            }

            runtime.PinRecorded(resolved.Record);
            await runtime.ShowInspectionsAsync(c.Records, c.CancellationToken).ConfigureAwait(false);
            if (resolved.Settlement is { } settled)
            {
                runtime.ShowJob(await c.Records.Jobs.FindAsync(settled.JobId, c.CancellationToken).ConfigureAwait(false));
            }

            return new
            {
                serial,
                outcome = resolved.Record.Outcome.ToString(),
                pinSequence = resolved.Stored.Sequence,
                serialState = resolved.Settlement?.State.ToString(),
                attempts = resolved.Settlement?.Attempts,
                jobId = resolved.Settlement?.JobId,
            };
        }, ct);
    }
}
