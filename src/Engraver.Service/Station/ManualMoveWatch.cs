using Engraver.Core.Station;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>How the controller is stopped mid-move: a jog ("$J=") by jog cancel, which GRBL ends in Idle with the
/// rest of the jog dropped; any other move (G0/G1) by the safety-door byte and a feed hold, which GRBL ends in a
/// hold with the rest of the move kept, to be flushed by a soft reset once the machine has come to rest.</summary>
public enum ManualMoveKind
{
    Jog,
    Move,
}

/// <summary>An operator's move as the station loop watches it: while it runs, the loop stops it at once when an
/// interlock goes unsafe (the door opens, the e-stop is pressed) or the station leaves Idle (the link lost, an
/// alarm): it sends the stop bytes for <see cref="Kind"/> to the controller, then cancels <see cref="Token"/>,
/// which ends the move. A move is stopped once; nothing here ever starts motion again.</summary>
public sealed class ManualMoveWatch : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private volatile string? _stoppedBecause;

    public ManualMoveWatch(ManualMoveKind kind, CancellationToken lifetime)
    {
        Kind = kind;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
    }

    public ManualMoveKind Kind { get; }

    /// <summary>Cancelled when the loop stopped the move (or the station stops for good).</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>What stopped the move ("the door opened"); null while it was not stopped.</summary>
    public string? StoppedBecause => _stoppedBecause;

    /// <summary>True when the station was already unsafe as the move began: nothing was sent.</summary>
    public bool StoppedBeforeStart { get; private set; }

    /// <summary>The realtime bytes that stop this kind of move the way GRBL stops it.</summary>
    public IReadOnlyList<byte> StopBytes => Kind == ManualMoveKind.Jog
        ? [GrblRealtime.JogCancel]
        : [GrblRealtime.SafetyDoor, GrblRealtime.FeedHold];

    /// <summary>Why a move under way must stop now, in words; null while it may go on.</summary>
    public static string? WhyStop(StationState state, Interlocks interlocks)
    {
        ArgumentNullException.ThrowIfNull(interlocks);
        return !interlocks.EStopReleased ? "the e-stop was pressed"
            : !interlocks.DoorClosed ? "the door opened"
            : state == StationState.Disconnected ? "the link to the controller was lost"
            : state == StationState.Alarm ? "the controller raised an alarm"
            : state != StationState.Idle ? $"the station left Idle (it is {state})"
            : null;
    }

    /// <summary>Called by the station loop once the stop bytes are out (or when nothing had been sent yet).</summary>
    internal void Stop(string why, bool beforeStart)
    {
        StoppedBeforeStart = beforeStart;
        _stoppedBecause = why;
        // Not awaited: the move's own continuations run off the loop, which goes on handling inputs.
        _ = _stop.CancelAsync();
    }

    public void Dispose() => _stop.Dispose();
}
