using System.Security.Claims;
using Engraver.Hardware.Gpio;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engraver.Service.Api;

/// <summary>The body of POST /api/simulator/inputs/{input}: the sensor's state (true = healthy).</summary>
public sealed record SimulatedInputRequest(bool Healthy);

/// <summary>POST /api/simulator/inputs/{input}: sets an input of the simulated station I/O (open the door,
/// press the e-stop) so the twin can be driven from outside. Only on the simulated I/O; 404 otherwise.</summary>
public static class SimulatorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/simulator/inputs/{input}", SetInputAsync).RequireAuthorization(ApiPolicies.Operator);
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
