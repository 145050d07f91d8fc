using Engraver.Core.Station;
using Engraver.Hardware.Gpio;

namespace Engraver.Service.Station;

/// <summary>What the station loop is asked to do; every one is handled on the loop, in order.</summary>
internal abstract record StationCommand
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed record FireCommand(StationTrigger Trigger) : StationCommand;

internal sealed record InputCommand(StationInputChanged Change) : StationCommand;

internal sealed record AttachCommand(IRealtimeCommands? Controller) : StationCommand;

internal sealed record BarrierCommand : StationCommand;

/// <summary>Starts (<paramref name="Watching"/>) or ends the loop's watch over an operator's move.</summary>
internal sealed record WatchCommand(ManualMoveWatch Watch, bool Watching) : StationCommand;

/// <summary>The controller's realtime bytes (they bypass its line buffer): how the loop stops motion at once.</summary>
public interface IRealtimeCommands
{
    Task SendRealtimeAsync(byte command, CancellationToken cancellationToken);
}

/// <summary>The station as the loop last left it; safe to read from any thread.</summary>
/// <param name="TrayLoads">How many times a tray was put in (the tray sensor going from empty to present) since
/// the loop started: a tray taken away and put back between two looks still counts as a new tray.</param>
public sealed record StationSnapshot(StationState State, Interlocks Interlocks, bool LaserEnable, StationState? HeldFrom, bool HomedSinceReset, bool Started = false, int TrayLoads = 0);

/// <summary>The station refused a trigger: not allowed in its state, or a guard (interlock, homing) said no.</summary>
public sealed class StationRefusedException(StationTrigger trigger, StationState state, string why)
    : InvalidOperationException($"The station refused {trigger} in {state}: {why}.")
{
    public StationTrigger Trigger { get; } = trigger;

    public StationState State { get; } = state;
}
