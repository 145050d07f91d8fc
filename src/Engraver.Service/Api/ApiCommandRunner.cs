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

/// <summary>What a command needs: the connected devices and the station loop.</summary>
public sealed record CommandContext(StationRig Rig, StationLoop Loop, string User, string Role, CancellationToken CancellationToken);

/// <summary>Runs an authorised command against the live station and appends it, with who gave it and what came
/// of it, to the command log in the record store. Refusals by the station become 409 problems; only calls that
/// passed authorisation get here, so a 401/403 never reaches the log.</summary>
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
        if (runtime.Rig is not { } rig || runtime.Loop is not { } loop)
        {
            return (false, Results.Problem(title: "The station is not connected",
                detail: $"{command} needs the controller and the record store; the station has not connected yet (or lost its link).",
                statusCode: StatusCodes.Status409Conflict));
        }

        object? result;
        string outcome;
        IResult? refusal = null;
        try
        {
            result = await action(new CommandContext(rig, loop, user, role, cancellationToken)).ConfigureAwait(false);
            outcome = CommandRecord.Accepted;
        }
        catch (Exception e) when (e is StationRefusedException or CommandRefusedException or GrblException or DuplicateVerifiedSerialException)
        {
            result = null;
            outcome = e is GrblException ? CommandRecord.Failed(e.Message) : CommandRecord.Refused(e.Message);
            refusal = Results.Problem(
                title: $"The station refused {command}",
                detail: e.Message,
                statusCode: e is CommandRefusedException refused ? refused.Status : StatusCodes.Status409Conflict);
        }

        var stored = await rig.Records.AppendCommandAsync(new CommandRecord
        {
            At = runtime.Clock.GetUtcNow(),
            Station = station.Value.Id,
            User = user,
            Role = role,
            Command = command,
            Arguments = arguments,
            Outcome = outcome,
        }, CancellationToken.None).ConfigureAwait(false);
        LogCommand(logger, command, user, role, outcome, stored.Sequence);
        runtime.NotifyChanged();
        return refusal is null ? (true, Results.Ok(new CommandResult(command, outcome, stored.Sequence, result))) : (false, refusal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Command} by {User} ({Role}): {Outcome}, command log row {Sequence}")]
    private static partial void LogCommand(ILogger logger, string command, string user, string role, string outcome, long sequence);
}

/// <summary>The answer to an accepted command: which row of the command log holds it, and any result.</summary>
public sealed record CommandResult(string Command, string Outcome, long CommandSequence, object? Result);
