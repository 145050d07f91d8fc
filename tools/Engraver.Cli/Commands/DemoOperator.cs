using System.Security.Claims;
using Engraver.Core.Station;
using Engraver.Service.Api;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Engraver.Cli.Commands;

/// <summary>The demo's operator: once the station has connected, presses Home and then Start as the demo
/// user, through the same command runner the API routes use (so both are in the command log under that user,
/// and every pin record names them).</summary>
internal static class DemoOperator
{
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromMinutes(1);

    public static async Task HomeAndStartAsync(IServiceProvider services, string user, CancellationToken cancellationToken)
    {
        var runtime = services.GetRequiredService<StationRuntime>();
        var runner = services.GetRequiredService<ApiCommandRunner>();
        await WaitForIdleAsync(runtime, cancellationToken).ConfigureAwait(false);
        var caller = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, ApiRoles.Operator)], "demo"));
        await PressAsync(runner, caller, "home", StationCommandEndpoints.HomeAsync, cancellationToken).ConfigureAwait(false);
        await PressAsync(runner, caller, "start", c => StationCommandEndpoints.StartAsync(c, runtime), cancellationToken).ConfigureAwait(false);
        // The queue loop has seen the start once it looks at the (still empty) queue: a job watched from then on
        // is not taken for one stopped by the wait for Home or Start.
        var queue = services.GetRequiredService<QueueStatus>();
        await WaitAsync(() => queue.Current.WaitingBecause == QueueStatus.QueueEmpty, "look at the queue after the start", runtime, cancellationToken).ConfigureAwait(false);
    }

    private static async Task PressAsync(
        ApiCommandRunner runner, ClaimsPrincipal caller, string command, Func<CommandContext, Task<object?>> action, CancellationToken cancellationToken)
    {
        var (accepted, response) = await runner.RunWithOutcomeAsync(caller, command, CommandArguments.None, action, cancellationToken).ConfigureAwait(false);
        if (!accepted)
        {
            var why = response is ProblemHttpResult problem ? problem.ProblemDetails.Detail : null;
            throw new InvalidOperationException($"The station refused {command}: {why ?? "see the command log"}.");
        }
    }

    private static Task WaitForIdleAsync(StationRuntime runtime, CancellationToken cancellationToken) =>
        WaitAsync(() => runtime.Rig is not null && runtime.Loop?.Snapshot.State == StationState.Idle, "connect", runtime, cancellationToken);

    private static async Task WaitAsync(Func<bool> condition, string what, StationRuntime runtime, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectLimit);
        while (!condition())
        {
            try
            {
                await Task.Delay(50, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The station did not {what} within {ConnectLimit.TotalSeconds:0} s (it is {runtime.Loop?.Snapshot.State.ToString() ?? "not started"}).");
            }
        }
    }
}
