using System.Security.Claims;
using Engraver.Core.Station;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engraver.Service.Api;

/// <summary>The body of POST /api/station/jog: a relative move with the laser off.</summary>
public sealed record JogRequest(double DxMm, double DyMm, double FeedMmPerMin);

/// <summary>POST /api/station/{home,start,reset,jog,unlock,resume,pause} and /api/alarms/{id}/acknowledge; goto-slot, frame
/// and overrides in <see cref="OperatorMotionEndpoints"/>.</summary>
public static class StationCommandEndpoints
{
    private const double MaxJogMm = 100;
    private const double MaxJogFeed = 5000;

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var station = api.MapGroup("/station");
        station.MapPost("/home", (ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            runner.RunAsync(user, "home", CommandArguments.None, HomeAsync, ct)).RequireAuthorization(ApiPolicies.Operator);
        station.MapPost("/start", (ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime, CancellationToken ct) =>
            runner.RunAsync(user, "start", CommandArguments.None, c => StartAsync(c, runtime), ct)).RequireAuthorization(ApiPolicies.Operator);
        station.MapPost("/reset", (ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            runner.RunAsync(user, "reset-estop", CommandArguments.None, ResetEStopAsync, ct)).RequireAuthorization(ApiPolicies.Operator);
        station.MapPost("/jog", Jog).RequireAuthorization(ApiPolicies.Operator);
        OperatorMotionEndpoints.Map(station);
        station.MapPost("/unlock", (ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            runner.RunAsync(user, "unlock", CommandArguments.None, UnlockAsync, ct)).RequireAuthorization(ApiPolicies.Supervisor);
        station.MapPost("/resume", (ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            runner.RunAsync(user, "resume", CommandArguments.None, c => FireAsync(c, StationTrigger.Resume), ct)).RequireAuthorization(ApiPolicies.Operator);
        station.MapPost("/pause", (ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            runner.RunAsync(user, "pause", CommandArguments.None, c => FireAsync(c, StationTrigger.Pause), ct)).RequireAuthorization(ApiPolicies.Operator);

        api.MapPost("/alarms/{id:int}/acknowledge", (int id, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime, CancellationToken ct) =>
            runner.RunAsync(user, "acknowledge-alarm", CommandArguments.From([new("id", id)]), _ =>
                Task.FromResult<object?>(runtime.Alarms.Acknowledge(id) ?? throw new CommandRefusedException($"There is no alarm {id}.", StatusCodes.Status404NotFound)), ct))
            .RequireAuthorization(ApiPolicies.Operator);
    }

    private static Task<IResult> Jog(JogRequest? request, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime, CancellationToken ct)
    {
        if (request is null)
        {
            return Task.FromResult(BadRequest("The body must be JSON: { \"dxMm\": 1.0, \"dyMm\": 0.0, \"feedMmPerMin\": 300 }."));
        }

        var problems = new List<string>();
        if (!double.IsFinite(request.DxMm) || Math.Abs(request.DxMm) > MaxJogMm)
        {
            problems.Add($"dxMm must be a number from -{MaxJogMm} to {MaxJogMm}");
        }

        if (!double.IsFinite(request.DyMm) || Math.Abs(request.DyMm) > MaxJogMm)
        {
            problems.Add($"dyMm must be a number from -{MaxJogMm} to {MaxJogMm}");
        }

        if (!double.IsFinite(request.FeedMmPerMin) || request.FeedMmPerMin is <= 0 or > MaxJogFeed)
        {
            problems.Add($"feedMmPerMin must be above 0 and at most {MaxJogFeed}");
        }

        if (problems.Count > 0)
        {
            return Task.FromResult(BadRequest(string.Join("; ", problems) + "."));
        }

        var arguments = CommandArguments.From([new("dxMm", request.DxMm), new("dyMm", request.DyMm), new("feedMmPerMin", request.FeedMmPerMin)]);
        return runner.RunAsync(user, "jog", arguments, async c =>
        {
            try
            {
                await OperatorMotionEndpoints.MoveAsync(c, runtime, "Jog", ManualMoveKind.Jog, async token =>
                {
                    await StationJog.JogAsync(c.ConnectedRig, request.DxMm, request.DyMm, request.FeedMmPerMin, token).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            }
            catch (JogRefusedException refused)
            {
                throw new CommandRefusedException(refused.Message);
            }

            return null;
        }, ct);
    }

    public static async Task<object?> HomeAsync(CommandContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        await StationHoming.HomeAsync(c.Loop, c.Controller, c.CancellationToken).ConfigureAwait(false);
        return new { state = c.Loop.Snapshot.State.ToString() };
    }

    /// <summary>The operator's Start: the caller becomes the operator every pin record names from now on.</summary>
    public static async Task<object?> StartAsync(CommandContext c, StationRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(c);
        await StationStart.StartAsync(c.Loop, runtime, StationStarter.Person(c.User), c.CancellationToken).ConfigureAwait(false);
        return new { state = c.Loop.Snapshot.State.ToString(), operatorName = c.User };
    }

    /// <summary>Resets a released e-stop: the controller is soft-reset, and the station waits not homed.</summary>
    public static async Task<object?> ResetEStopAsync(CommandContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        await StationStart.ResetEStopAsync(c.Loop, c.Rig?.Controller, c.CancellationToken).ConfigureAwait(false);
        return new { state = c.Loop.Snapshot.State.ToString() };
    }

    /// <summary>As <see cref="StationHoming"/> does: reset (drops whatever the alarm left in the buffers), $X, then
    /// the station leaves Alarm; it still has to be homed before the next pin.</summary>
    private static async Task<object?> UnlockAsync(CommandContext c)
    {
        if (c.Loop.Snapshot.State != StationState.Alarm)
        {
            throw new CommandRefusedException($"There is no alarm to clear: the station is {c.Loop.Snapshot.State}.");
        }

        await c.Controller.ConnectAsync(c.CancellationToken).ConfigureAwait(false);
        await c.Controller.UnlockAsync(c.CancellationToken).ConfigureAwait(false);
        await c.Loop.FireAsync(StationTrigger.Unlock, c.CancellationToken).ConfigureAwait(false);
        return new { state = c.Loop.Snapshot.State.ToString() };
    }

    private static async Task<object?> FireAsync(CommandContext c, StationTrigger trigger)
    {
        await c.Loop.FireAsync(trigger, c.CancellationToken).ConfigureAwait(false);
        return new { state = c.Loop.Snapshot.State.ToString() };
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(title: "The request is not valid", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
