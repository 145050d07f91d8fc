using System.Diagnostics;
using System.Globalization;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>What follows an operator's move stopped by the station loop (<see cref="ManualMoveWatch"/>): the machine
/// is let come to rest, whatever the controller still holds of the move is dropped, and the answer says where it
/// stopped and what comes next. GRBL keeps the rest of a held move (Hold, Door) until a cycle start, which would
/// finish it, or a soft reset, which drops it: a reset once the hold has come to rest keeps the position (GRBL's
/// mc_reset raises ALARM:3 only when in motion), so no homing is needed for that. A jog cancel ends in Idle with
/// nothing held. Nothing here ever sends a cycle start.</summary>
public static class StoppedMove
{
    /// <summary>Long enough for any deceleration; a controller still moving after this is reported as such.</summary>
    private static readonly TimeSpan RestWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Settles the controller and returns the answer, e.g. "Go to slot 7 stopped: the door opened during
    /// the move. The machine stopped at X -60.4 Y -80.2 ...".</summary>
    public static async Task<string> SettleAsync(string what, string why, Func<GrblClient?> controller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var stopped = $"{what} stopped: {why} during the move";
        GrblClient? client;
        try
        {
            client = controller();
        }
        catch (InvalidOperationException)
        {
            client = null;
        }

        if (client is null || why == LinkLost)
        {
            return $"{stopped}. Where the machine stopped is not known; nothing else will move until the station has reconnected (by itself) and been homed: {StationActions.Home}.";
        }

        try
        {
            var status = await AtRestAsync(client, cancellationToken).ConfigureAwait(false);
            var flushed = false;
            if (status.State is GrblMachineState.Hold or GrblMachineState.Door)
            {
                await client.StopNowAsync().ConfigureAwait(false);
                status = await client.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
                flushed = true;
            }

            var rest = flushed ? "the rest of the move was dropped (soft reset at rest)" : "the rest of the move was dropped";
            return string.Create(CultureInfo.InvariantCulture,
                $"{stopped}. The machine stopped at {Where(status)}; {rest}, and nothing else will move until {Next(why, status)}.");
        }
        catch (GrblException unknown)
        {
            return $"{stopped}. The controller could not say where the machine stopped ({unknown.Message}); nothing else will move until {Next(why, null)}.";
        }
    }

    private const string LinkLost = "the link to the controller was lost";

    /// <summary>Polls until the controller reports a state at rest: Idle, a completed hold (Hold:0, Door:0/1), Alarm.</summary>
    private static async Task<GrblStatusReport> AtRestAsync(GrblClient client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var status = await client.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            var moving = status.State is GrblMachineState.Run or GrblMachineState.Jog or GrblMachineState.Home
                || (status.State, status.SubState) is (GrblMachineState.Hold, 1) or (GrblMachineState.Door, 2) or (GrblMachineState.Door, 3);
            if (!moving || Stopwatch.GetElapsedTime(started) > RestWait)
            {
                return status;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Where(GrblStatusReport status) =>
        status.MachinePosition is { } m ? string.Create(CultureInfo.InvariantCulture, $"X {m.X:0.###} Y {m.Y:0.###} Z {m.Z:0.###}")
        : status is { WorkPosition: { } w, WorkCoordinateOffset: { } o } ? string.Create(CultureInfo.InvariantCulture, $"X {w.X + o.X:0.###} Y {w.Y + o.Y:0.###} Z {w.Z + o.Z:0.###}")
        : "a position the controller did not report";

    /// <summary>The operator's next action, as the station's state will have it.</summary>
    private static string Next(string why, GrblStatusReport? status) =>
        status is { State: GrblMachineState.Alarm } ? $"the controller is unlocked and homed again: {StationActions.Unlock}"
        : why.Contains("e-stop", StringComparison.Ordinal) ? $"the e-stop is released and reset and the machine homed again: {StationActions.ReleaseEStop}, then home (F6 / POST /api/station/home)"
        : why.Contains("door", StringComparison.Ordinal) ? "the door is closed and an operator starts a move again (closing the door resumes nothing; the position is kept, so no homing is needed)"
        : $"the station is homed again: {StationActions.Home}";
}
