using System.Threading.Channels;
using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Hardware.Grbl;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>The one loop that owns the state machine. GPIO edges, controller alarms and the job's steps are
/// posted here and handled in order; after each, the outputs are set from the machine (laser-enable first),
/// and a door that stops a pin sends the safety-door and feed-hold bytes at once. A step reported while the
/// door holds the job waits until the operator resumes. An operator's move under way (<see cref="ManualMoveWatch"/>)
/// is stopped here too, after any command that leaves the station unsafe for it.</summary>
public sealed partial class StationLoop(StationStateMachine machine, StationIo io, ILogger logger)
{
    private static readonly StationTrigger[] Steps =
        [StationTrigger.Positioned, StationTrigger.Focused, StationTrigger.Engraved, StationTrigger.Captured, StationTrigger.Recorded];

    private readonly Channel<StationCommand> _commands = Channel.CreateUnbounded<StationCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<FireCommand> _parked = new();
    private IRealtimeCommands? _controller;
    private ManualMoveWatch? _manualMove;
    private int _trayLoads;
    private volatile StationSnapshot _snapshot = new(machine.State, machine.Interlocks, false, null, false);

    /// <summary>Raised on the loop after every transition.</summary>
    public event Action<StationTransition>? Transitioned;

    public StationSnapshot Snapshot => _snapshot;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        io.InputChanged += OnInputChanged;
        io.Faulted += OnIoFaulted;
        machine.Transitioned += OnTransitioned;
        try
        {
            machine.UpdateInterlocks(ReadInterlocks(io.ReadAll()));
            ApplyOutputs();
            await foreach (var command in _commands.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await HandleAsync(command, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            io.InputChanged -= OnInputChanged;
            io.Faulted -= OnIoFaulted;
            machine.Transitioned -= OnTransitioned;
            io.Write(StationOutput.LaserEnable, false);
            var stopped = new OperationCanceledException("The station loop stopped.");
            while (_parked.TryDequeue(out var parked))
            {
                parked.Done.TrySetException(stopped);
            }

            while (_commands.Reader.TryRead(out var left))
            {
                left.Done.TrySetException(stopped);
            }
        }
    }

    /// <summary>Fires a trigger on the loop; completes when it has been handled, or throws
    /// <see cref="StationRefusedException"/> when the station refused it.</summary>
    public Task FireAsync(StationTrigger trigger, CancellationToken cancellationToken) => PostAsync(new FireCommand(trigger), cancellationToken);

    /// <summary>Fires without waiting, for event handlers (a controller alarm); a refusal is only logged.</summary>
    public void Notify(StationTrigger trigger) => _commands.Writer.TryWrite(new FireCommand(trigger));

    /// <summary>The controller the loop stops when a door opens mid-pin; null while disconnected.</summary>
    public Task AttachControllerAsync(IRealtimeCommands? controller, CancellationToken cancellationToken) => PostAsync(new AttachCommand(controller), cancellationToken);

    /// <summary>Watches an operator's move from now until <see cref="UnwatchAsync"/>: the loop stops it (see
    /// <see cref="ManualMoveWatch"/>) as soon as the station is unsafe for it, at once when it already is.</summary>
    public async Task<ManualMoveWatch> WatchAsync(ManualMoveKind kind, CancellationToken cancellationToken)
    {
        var watch = new ManualMoveWatch(kind, cancellationToken);
        await PostAsync(new WatchCommand(watch, Watching: true), cancellationToken).ConfigureAwait(false);
        return watch;
    }

    /// <summary>Ends the watch; once this returns the loop will not stop the move any more.</summary>
    public Task UnwatchAsync(ManualMoveWatch watch, CancellationToken cancellationToken) =>
        PostAsync(new WatchCommand(watch, Watching: false), cancellationToken);

    /// <summary>Completes once everything posted before it, GPIO edges included, has been handled.</summary>
    public Task SyncAsync(CancellationToken cancellationToken) => PostAsync(new BarrierCommand(), cancellationToken);

    private async Task PostAsync(StationCommand command, CancellationToken cancellationToken)
    {
        await _commands.Writer.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        await command.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void OnInputChanged(object? sender, StationInputChanged change) => _commands.Writer.TryWrite(new InputCommand(change));

    /// <summary>The inputs have already gone unhealthy and reach the machine as input changes (an e-stop);
    /// this only says why.</summary>
    private void OnIoFaulted(object? sender, StationIoFault fault) => LogIoFault(logger, fault.Error, fault.What);

    private void OnTransitioned(StationTransition transition)
    {
        LogTransition(logger, transition.From, transition.To, transition.Trigger);
        Transitioned?.Invoke(transition);
    }

    private async Task HandleAsync(StationCommand command, CancellationToken cancellationToken)
    {
        var before = machine.State;
        switch (command)
        {
            case InputCommand input:
                var trayWasPresent = machine.Interlocks.TrayPresent;
                machine.UpdateInterlocks(With(machine.Interlocks, input.Change));
                _trayLoads += !trayWasPresent && machine.Interlocks.TrayPresent ? 1 : 0;
                input.Done.TrySetResult();
                break;
            case FireCommand fire when machine.State == StationState.SafetyHold && Steps.Contains(fire.Trigger):
                _parked.Enqueue(fire);
                break;
            case FireCommand fire:
                Fire(fire);
                break;
            case AttachCommand attach:
                _controller = attach.Controller;
                attach.Done.TrySetResult();
                break;
            case WatchCommand { Watching: true } watch:
                if (ManualMoveWatch.WhyStop(machine.State, machine.Interlocks) is { } unsafeNow)
                {
                    watch.Watch.Stop(unsafeNow, beforeStart: true);
                }
                else
                {
                    _manualMove = watch.Watch;
                }

                watch.Done.TrySetResult();
                break;
            case WatchCommand unwatch:
                _manualMove = ReferenceEquals(_manualMove, unwatch.Watch) ? null : _manualMove;
                unwatch.Done.TrySetResult();
                break;
            default:
                command.Done.TrySetResult();
                break;
        }

        await ReactAsync(before, cancellationToken).ConfigureAwait(false);
        await StopManualMoveIfUnsafeAsync(cancellationToken).ConfigureAwait(false);
        while (machine.State != StationState.SafetyHold && _parked.TryDequeue(out var parked))
        {
            before = machine.State;
            Fire(parked);
            await ReactAsync(before, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Fire(FireCommand fire)
    {
        var state = machine.State;
        if (!machine.CanFire(fire.Trigger))
        {
            var why = WhyRefused(fire.Trigger);

            LogRefused(logger, fire.Trigger, state, why);
            fire.Done.TrySetException(new StationRefusedException(fire.Trigger, state, why));
            return;
        }

        Intent(fire.Trigger)();
        fire.Done.TrySetResult();
    }

    private string WhyRefused(StationTrigger trigger)
    {
        const string NotAllowed = "not allowed in this state";
        var why = machine.Interlocks.NotReadyReasons() is { Length: > 0 } reasons ? reasons : NotAllowed;
        return trigger switch
        {
            StationTrigger.Start when machine.State != StationState.Idle => $"Start needs the station Idle and homed; it is {machine.State}",
            StationTrigger.Start => "not homed since the last reset, alarm or e-stop; home first, then start",
            StationTrigger.EStopReset when machine.State != StationState.EStop => $"there is no e-stop to reset: the station is {machine.State}",
            StationTrigger.EStopReset => "the e-stop is still pressed; release it first, then reset",
            StationTrigger.StartPin or StationTrigger.Focused or StationTrigger.Resume when !machine.HomedSinceReset =>
                "not homed since the last reset or alarm; home first" + (why == NotAllowed ? string.Empty : ", " + why),
            StationTrigger.StartPin when machine.State == StationState.Idle && !machine.Started =>
                "not started: press Start" + (why == NotAllowed ? string.Empty : ", " + why),
            _ => why,
        };
    }

    /// <summary>Outputs first (the relay drops before anything else happens), then the controller.</summary>
    private async Task ReactAsync(StationState before, CancellationToken cancellationToken)
    {
        ApplyOutputs();
        var now = machine.State;
        if (now == before || _controller is null)
        {
            return;
        }

        try
        {
            if (now == StationState.SafetyHold)
            {
                // The door byte de-energises the laser and stops motion in GRBL; feed hold for controllers without it.
                await _controller.SendRealtimeAsync(GrblRealtime.SafetyDoor, cancellationToken).ConfigureAwait(false);
                await _controller.SendRealtimeAsync(GrblRealtime.FeedHold, cancellationToken).ConfigureAwait(false);
                LogDoorStop(logger, machine.HeldFrom ?? before);
            }
            else if (before == StationState.SafetyHold && machine.IsIn(StationState.Running))
            {
                await _controller.SendRealtimeAsync(GrblRealtime.CycleStart, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (GrblException lost)
        {
            // The relay is already off; a dead link surfaces to the job through its own pending command.
            LogRealtimeFailed(logger, lost, now);
        }
    }

    /// <summary>The stop bytes first, then the move's token: the move ends knowing the controller was told.</summary>
    private async Task StopManualMoveIfUnsafeAsync(CancellationToken cancellationToken)
    {
        if (_manualMove is not { } move || ManualMoveWatch.WhyStop(machine.State, machine.Interlocks) is not { } why)
        {
            return;
        }

        _manualMove = null;
        try
        {
            foreach (var command in _controller is null ? [] : move.StopBytes)
            {
                await _controller!.SendRealtimeAsync(command, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (GrblException lost)
        {
            // The link is gone: nothing more can be sent; the reconnection's soft reset drops what was buffered.
            LogRealtimeFailed(logger, lost, machine.State);
        }

        move.Stop(why, beforeStart: false);
        LogManualStop(logger, move.Kind, why);
    }

    private void ApplyOutputs()
    {
        foreach (var (output, on) in StationOutputPolicy.For(machine))
        {
            io.Write(output, on);
        }

        _snapshot = new StationSnapshot(machine.State, machine.Interlocks, io.IsOn(StationOutput.LaserEnable), machine.HeldFrom, machine.HomedSinceReset, machine.Started, _trayLoads);
    }

    private Action Intent(StationTrigger trigger) => trigger switch
    {
        StationTrigger.Connect => machine.Connect,
        StationTrigger.Connected => machine.Connected,
        StationTrigger.LinkLost => machine.LinkLost,
        StationTrigger.Home => machine.Home,
        StationTrigger.Homed => machine.Homed,
        StationTrigger.HomingFailed => machine.HomingFailed,
        StationTrigger.Start => machine.Start,
        StationTrigger.StartPin => machine.StartPin,
        StationTrigger.Positioned => machine.Positioned,
        StationTrigger.Focused => machine.Focused,
        StationTrigger.Engraved => machine.Engraved,
        StationTrigger.Captured => machine.Captured,
        StationTrigger.Recorded => machine.Recorded,
        StationTrigger.Pause => machine.Pause,
        StationTrigger.Resume => machine.Resume,
        StationTrigger.AlarmRaised => machine.AlarmRaised,
        StationTrigger.Unlock => machine.Unlock,
        StationTrigger.EStopReset => machine.ResetEStop,
        StationTrigger.OutcomeUnknown => machine.OutcomeUnknown,
        StationTrigger.InspectionResolved => machine.InspectionResolved,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Raised by the interlocks, not fired."),
    };

    private static Interlocks ReadInterlocks(IReadOnlyDictionary<StationInput, bool> inputs) =>
        inputs.Aggregate(Interlocks.Safe, (interlocks, input) => With(interlocks, new StationInputChanged(input.Key, input.Value)));

    private static Interlocks With(Interlocks interlocks, StationInputChanged change) => change.Input switch
    {
        StationInput.DoorClosed => interlocks with { DoorClosed = change.Value },
        StationInput.EStopOk => interlocks with { EStopReleased = change.Value },
        StationInput.TrayPresent => interlocks with { TrayPresent = change.Value },
        StationInput.ClampClosed => interlocks with { ClampClosed = change.Value },
        StationInput.AirOk => interlocks with { AirOk = change.Value },
        StationInput.FumeExtractorOk => interlocks with { FumeExtractorOk = change.Value },
        _ => interlocks,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Station {From} -> {To} on {Trigger}")]
    private static partial void LogTransition(ILogger logger, StationState from, StationState to, StationTrigger trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Station refused {Trigger} in {State}: {Why}")]
    private static partial void LogRefused(ILogger logger, StationTrigger trigger, StationState state, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the realtime stop or resume to the controller in {State}")]
    private static partial void LogRealtimeFailed(ILogger logger, Exception fault, StationState state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Station I/O fault {What}: every interlock input reads unhealthy until the device answers again")]
    private static partial void LogIoFault(ILogger logger, Exception fault, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator's {Kind} stopped: {Why}")]
    private static partial void LogManualStop(ILogger logger, ManualMoveKind kind, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Door opened in {State}: laser-enable dropped, safety door and feed hold sent")]
    private static partial void LogDoorStop(ILogger logger, StationState state);
}
