using System.Security.Claims;
using Engraver.Core.Geometry;
using Engraver.Core.Layout;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>The body of POST /api/station/goto-slot: a tray slot (from 0) and where over it, "laser" (default) or "camera".</summary>
public sealed record GotoSlotRequest(int? Slot, string? Place);

/// <summary>The body of POST /api/station/frame: the slot to frame; absent, the slot the next pin will take.</summary>
public sealed record FrameRequest(int? Slot);

/// <summary>The body of POST /api/station/overrides: laser power and feed in percent of the recipe (100 = as written).</summary>
public sealed record OverridesRequest(int? PowerPercent, int? FeedPercent);

/// <summary>The operator's own controls besides the jog: POST /api/station/goto-slot, /frame and /overrides.</summary>
public static class OperatorMotionEndpoints
{
    public static void Map(RouteGroupBuilder station)
    {
        ArgumentNullException.ThrowIfNull(station);
        station.MapPost("/goto-slot", GotoSlot).RequireAuthorization(ApiPolicies.Operator);
        station.MapPost("/frame", Frame).RequireAuthorization(ApiPolicies.Operator);
        station.MapPost("/overrides", SetOverrides).RequireAuthorization(ApiPolicies.Operator);
    }

    /// <summary>Runs an operator's move under <see cref="ManualMotion"/>: refused (409) unless the station allows it,
    /// and stopped (409 saying where the machine stopped) when the door opens, the e-stop is pressed or the link is lost.</summary>
    internal static Task<T> MoveAsync<T>(CommandContext c, StationRuntime runtime, string what, ManualMoveKind kind, Func<CancellationToken, Task<T>> move) =>
        runtime.ManualMotion.RunAsync(what, kind, c.Loop, () => runtime.View().Job, () => c.Rig?.Controller, move, c.CancellationToken);

    private static Task<IResult> GotoSlot(
        GotoSlotRequest? request, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime,
        IOptions<FixtureOptions> fixture, IOptions<CameraOptions> camera, CancellationToken ct)
    {
        var place = request?.Place?.Trim().ToLowerInvariant() switch
        {
            null or "" or "laser" => SlotPlace.Laser,
            "camera" => SlotPlace.Camera,
            _ => (SlotPlace?)null,
        };
        if (request?.Slot is not { } slot || place is null)
        {
            return Task.FromResult(BadRequest("The body must be JSON: { \"slot\": 0, \"place\": \"laser\" } (place: \"laser\" or \"camera\")."));
        }

        var arguments = CommandArguments.From([new("slot", slot), new("place", place.Value.ToString())]);
        return runner.RunAsync(user, "goto-slot", arguments, async c =>
        {
            var offset = new Point2(camera.Value.OffsetXMm, camera.Value.OffsetYMm);
            var at = await MoveAsync(c, runtime, $"Go to slot {slot}", ManualMoveKind.Move, token =>
                SlotGoto.GoAsync(c.ConnectedRig, fixture.Value.ToFixture(), offset, slot, place.Value, token)).ConfigureAwait(false);
            return new { slot, place = place.Value.ToString(), x = at.X, y = at.Y, z = at.Z };
        }, ct);
    }

    private static Task<IResult> Frame(
        FrameRequest? request, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime,
        IOptions<FixtureOptions> fixture, IOptions<StationOptions> station, CancellationToken ct)
    {
        var arguments = CommandArguments.From([new("slot", request?.Slot)]);
        return runner.RunAsync(user, "frame", arguments, async c =>
        {
            var tray = fixture.Value.ToFixture();
            var slot = request?.Slot ?? await c.Records.Jobs.PeekNextSlotAsync(station.Value.Id, c.CancellationToken).ConfigureAwait(false);
            if (request?.Slot is null && slot >= tray.SlotCount)
            {
                throw new CommandRefusedException($"The tray is full (slots 0 to {tray.SlotCount - 1} used): name the slot to frame, or put in a new tray.");
            }

            var framed = await MoveAsync(c, runtime, $"Framing slot {slot}", ManualMoveKind.Move, token =>
                SlotFraming.TraceAsync(c.ConnectedRig, tray, PinProfile.Default, slot, token)).ConfigureAwait(false);
            return new { framed.Slot, corners = framed.Corners.Select(p => new { x = p.X, y = p.Y }).ToList(), laser = framed.Laser };
        }, ct);
    }

    private static Task<IResult> SetOverrides(
        OverridesRequest? request, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime, Recipes.StationRecipes recipes, CancellationToken ct)
    {
        if (request is not { PowerPercent: { } power, FeedPercent: { } feed })
        {
            return Task.FromResult(BadRequest("The body must be JSON: { \"powerPercent\": 100, \"feedPercent\": 100 } (100 = the recipe as written)."));
        }

        var arguments = CommandArguments.From([new("powerPercent", power), new("feedPercent", feed)]);
        return runner.RunAsync(user, "overrides", arguments, async c =>
        {
            // The recipe of the job the station runs or will run next (the queue's oldest job not ended), else the
            // default recipe: its limits say how far an operator may take it. A pin of another recipe starts back at
            // 100 % when these are beyond its own limits (StationOverrides.KeepWithinAsync).
            var active = await c.Records.Jobs.FindActiveAsync(c.CancellationToken).ConfigureAwait(false);
            var name = active?.Recipe ?? Recipes.RecipeFolder.DefaultRecipeName;
            var running = recipes.Book.Find(name)?.Recipe
                ?? throw new CommandRefusedException($"The recipe {name} of {(active is null ? "the station" : "job " + active.JobId)} is not in the recipes folder, so its override limits are not known. Nothing was sent.", StatusCodes.Status409Conflict);
            if (StationOverrides.Refuse(running.OverrideLimits, running.Name, power, feed) is { Count: > 0 } problems)
            {
                throw new CommandRefusedException(string.Join("; ", problems) + ". Nothing was sent.", StatusCodes.Status400BadRequest);
            }

            var inForce = await StationOverrides.SetAsync(c.Controller, new OverridePercents(feed, power), c.CancellationToken).ConfigureAwait(false);
            return new { powerPercent = inForce.PowerPercent, feedPercent = inForce.FeedPercent, recipe = running.Name };
        }, ct);
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(title: "The request is not valid", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
