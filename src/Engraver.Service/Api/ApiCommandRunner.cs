using System.Security.Claims;
using Engraver.Hardware.Grbl;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>The station refused a command for a reason of its own (nothing to unlock, no pin waiting for
/// inspection): answered 409 with the reason, and recorded as "Refused: reason".</summary>
public sealed class CommandRefusedException(string why, int status = StatusCodes.Status409Conflict) : InvalidOperationException(why)
{
    public int Status { get; } = status;
}

/// <summary>What a command needs: the station's devices (open while the controller is away), the controller
/// when it is connected, and the station loop. <see cref="CancellationToken"/> is the station's lifetime, not
/// the request's.</summary>
public sealed record CommandContext(StationDevices Devices, StationRig? Rig, StationLoop Loop, string User, string Role, CancellationToken CancellationToken)
{
    public IRecordStore Records => Devices.Records;

    /// <summary>The devices with the connected controller; a command that needs it is refused while the link is down.</summary>
    public StationRig ConnectedRig => Rig
        ?? throw new CommandRefusedException($"The controller is not connected (the station is {Loop.Snapshot.State}); the station reconnects by itself, then home it.");

    public GrblClient Controller => ConnectedRig.Controller;
}

/// <summary>Runs an authorised command against the live station and appends it, with who gave it and what came
/// of it, to the command log in the record store. Refusals by the station become 409 problems; only calls that
/// passed authorisation get here, so a 401/403 never reaches the log. The command runs on the station's own
/// lifetime: the request only waits for it, so a client that goes away neither abandons a homing cycle half way
/// nor keeps the command out of the log.</summary>
public sealed partial class ApiCommandRunner(StationRuntime runtime, IOptions<StationOptions> station, ILogger<ApiCommandRunner> logger)
{
    public async Task<IResult> RunAsync(
        ClaimsPrincipal caller, string command, string arguments, Func<CommandContext, Task<object?>> action, CancellationToken cancellationToken) =>
        (await RunWithOutcomeAsync(caller, command, arguments, action, cancellationToken).ConfigureAwait(false)).Response;

    /// <summary>As <see cref="RunAsync"/>, and says whether the command was accepted.</summary>
    public async Task<(bool Accepted, IResult Response)> RunWithOutcomeAsync(
        ClaimsPrincipal caller, string command, string arguments, Func<CommandContext, Task<object?>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(action);
        var user = caller.Identity?.Name ?? throw new InvalidOperationException("An authorised call has no user name.");
        var role = caller.FindFirstValue(ClaimTypes.Role) ?? "";
        if (runtime.Devices is not { } devices || runtime.Loop is not { } loop)
        {
            return (false, Results.Problem(title: "The station is not started",
                detail: $"{command} needs the record store; the station has not opened its devices yet.",
                statusCode: StatusCodes.Status409Conflict));
        }

        var context = new CommandContext(devices, runtime.Rig, loop, user, role, runtime.StationLifetime);
        return await RunOnStationAsync(context, command, arguments, action).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<(bool Accepted, IResult Response)> RunOnStationAsync(
        CommandContext context, string command, string arguments, Func<CommandContext, Task<object?>> action)
    {
        object? result;
        string outcome;
        IResult? refusal = null;
        try
        {
            result = await action(context).ConfigureAwait(false);
            outcome = CommandRecord.Accepted;
        }
        catch (Exception e) when (e is StationRefusedException or CommandRefusedException or ManualMotionRefusedException or ManualMotionStoppedException or GrblException or DuplicateVerifiedSerialException)
        {
            result = null;
            outcome = e is GrblException or ManualMotionStoppedException ? CommandRecord.Failed(e.Message) : CommandRecord.Refused(e.Message);
            refusal = Results.Problem(
                title: $"The station refused {command}",
                detail: e.Message,
                statusCode: e is CommandRefusedException refused ? refused.Status : StatusCodes.Status409Conflict);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            // The call was authorised, so it is logged whatever went wrong; the log and the answer name only the
            // exception's type: its message may hold input or secrets, and the stack stays in the service log.
            LogUnexpected(logger, e, command, context.User);
            result = null;
            outcome = CommandRecord.Failed($"unexpected error: {e.GetType().Name}");
            refusal = Results.Problem(
                title: $"{command} failed",
                detail: $"The station met an unexpected error ({e.GetType().Name}); the command log holds this call.",
                statusCode: StatusCodes.Status500InternalServerError);
        }

        var stored = await context.Records.AppendCommandAsync(new CommandRecord
        {
            At = runtime.Clock.GetUtcNow(),
            Station = station.Value.Id,
            User = context.User,
            Role = context.Role,
            Command = command,
            Arguments = arguments,
            Outcome = outcome,
        }, CancellationToken.None).ConfigureAwait(false);
        LogCommand(logger, command, context.User, context.Role, outcome, stored.Sequence);
        runtime.NotifyChanged();
        return refusal is null ? (true, Results.Ok(new CommandResult(command, outcome, stored.Sequence, result))) : (false, refusal);
    }

    /// <summary>Refuses a call whose input did not pass the door (a 400 naming the field), and logs it as refused
    /// like any authorised command. <paramref name="arguments"/> must hold only text that passed, or was quoted.</summary>
    public Task<IResult> RefuseInputAsync(ClaimsPrincipal caller, string command, string arguments, string field, string problem, CancellationToken cancellationToken) =>
        RunAsync(caller, command, arguments, _ => throw new CommandRefusedException($"{field} {problem}", StatusCodes.Status400BadRequest), cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command {Command} by {User} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string command, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Command} by {User} ({Role}): {Outcome}, command log row {Sequence}")]
    private static partial void LogCommand(ILogger logger, string command, string user, string role, string outcome, long sequence);
}

/// <summary>The answer to an accepted command: which row of the command log holds it, and any result.</summary>
public sealed record CommandResult(string Command, string Outcome, long CommandSequence, object? Result);
