using System.Security.Claims;
using Engraver.Hardware.Gpio;
using Engraver.Service.Station;
using Engraver.Simulator.Grbl;
using Engraver.Traceability.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engraver.Service.Api;

/// <summary>The body of POST /api/simulator/inputs/{input}: the sensor's state (true = healthy).</summary>
public sealed record SimulatedInputRequest(bool Healthy);

/// <summary>The twin driven from outside, to train and to test recovery: POST /api/simulator/inputs/{input} sets an
/// input of the simulated station I/O (open the door, press the e-stop); POST /api/simulator/controller/{fault}
/// injects a controller fault (a limit switch, the cable pulled or plugged in again, a power cycle); GET
/// /api/simulator/controller/received lists the G-code lines the twin received. Only on the
/// simulated I/O or the simulated controller; 404 otherwise.</summary>
public static class SimulatorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/simulator/inputs/{input}", SetInputAsync).RequireAuthorization(ApiPolicies.Operator);
        api.MapPost("/simulator/controller/{fault}", InjectControllerFaultAsync).RequireAuthorization(ApiPolicies.Operator);
        api.MapGet("/simulator/controller/received", Received).RequireAuthorization(ApiPolicies.Operator);
    }

    /// <summary>What the twin received over its pty: the last G-code lines (oldest first) and how many laser-on
    /// segments it has burned, so a check from outside the service sees what crossed the wire.</summary>
    private static IResult Received(StationRuntime runtime) =>
        runtime.Devices?.Simulator is { } twin
            ? Results.Ok(new { lines = twin.RecentLines(), burns = twin.BurnLogSnapshot().Count })
            : Results.Problem(title: "No simulated controller", detail: "The station drives a real controller.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> InjectControllerFaultAsync(string fault, ClaimsPrincipal user, ApiCommandRunner runner, StationRuntime runtime, CancellationToken ct)
    {
        if (runtime.Devices?.Simulator is not { } twin)
        {
            return Results.Problem(title: "No simulated controller", detail: "The station drives a real controller; its faults are real.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!ControllerFaults.TryGetValue(fault, out var inject))
        {
            return Results.Problem(
                title: "The request is not valid",
                detail: $"POST /api/simulator/controller/{{fault}}; faults: {string.Join(", ", ControllerFaults.Keys)}.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await runner.RunAsync(user, "simulate-controller", CommandArguments.From([new("fault", fault)]), async _ =>
        {
            await inject(twin).ConfigureAwait(false);
            return new { fault, plugged = twin.IsPlugged };
        }, ct).ConfigureAwait(false);
    }

    private static readonly Dictionary<string, Func<GrblSimulator, Task>> ControllerFaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["limit-switch"] = twin => twin.TripHardLimitAsync(),
        ["unplug"] = twin => Plugged(twin, plugged: true, twin.Unplug),
        ["replug"] = twin => Plugged(twin, plugged: false, twin.Replug),
        ["power-cycle"] = twin => twin.RebootAsync(),
    };

    private static Task Plugged(GrblSimulator twin, bool plugged, Action change)
    {
        if (twin.IsPlugged != plugged)
        {
            throw new CommandRefusedException(plugged ? "The cable is already pulled." : "The cable is plugged in.");
        }

        change();
        return Task.CompletedTask;
    }

    private static async Task<IResult> SetInputAsync(string input, SimulatedInputRequest? request, ClaimsPrincipal user, ApiCommandRunner runner, StationIoFactory ios, CancellationToken ct)
    {
        if (ios.Simulated is not { } simulated)
        {
            return Results.Problem(title: "No simulated I/O", detail: "The station runs on real I/O; its inputs come from its sensors.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!Enum.TryParse<StationInput>(input, ignoreCase: true, out var which) || !Enum.IsDefined(which) || request is null)
        {
            return Results.Problem(
                title: "The request is not valid",
                detail: $"POST /api/simulator/inputs/{{input}} with {{ \"healthy\": true|false }}; inputs: {string.Join(", ", Enum.GetNames<StationInput>())}.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await runner.RunAsync(user, "simulate-input", CommandArguments.From([new("input", which.ToString()), new("healthy", request.Healthy)]), _ =>
        {
            simulated.Set(which, request.Healthy);
            return Task.FromResult<object?>(new { input = which.ToString(), healthy = request.Healthy });
        }, ct).ConfigureAwait(false);
    }
}
