using Stateless;
using Stateless.Graph;

namespace Engraver.Core.Station;

/// <summary>The station's rules of motion and safety, with no I/O: callers report what happened
/// (intent methods) and read what is allowed. Not thread-safe: fire from one loop.
/// Invariants: laser-enable is allowed only in Engraving with the door closed and the e-stop released;
/// Engraving is unreachable without homing since the last reset, alarm or e-stop; no pin starts until an
/// operator's Start, given in Idle after that homing and forgotten wherever the homing is (a lost link, an
/// alarm, an e-stop, a pin needing inspection, a new homing cycle), so a reset or a restored link never
/// starts motion by itself; an e-stop is left only by a reset once it is released, to Idle not homed (or
/// Disconnected when the link went meanwhile); a door opened while
/// working on a pin holds the job until the door is closed and the operator resumes, and the job then
/// continues in the step where it was held; a lost controller link leaves the station Disconnected (not homed)
/// from any state but the two that wait for a person (EStop, NeedsInspection), whose way out then leads to
/// Disconnected; a homing cycle never stays in Homing once it ended.</summary>
public sealed class StationStateMachine
{
    private readonly StateMachine<StationState, StationTrigger> _machine;

    public StationStateMachine()
    {
        _machine = new StateMachine<StationState, StationTrigger>(StationState.Disconnected);
        Configure();
        _machine.OnTransitioned(t => Transitioned?.Invoke(new StationTransition(t.Source, t.Destination, t.Trigger)));
    }

    public event Action<StationTransition>? Transitioned;

    public StationState State => _machine.State;

    public Interlocks Interlocks { get; private set; } = Interlocks.Safe;

    public bool HomedSinceReset { get; private set; }

    /// <summary>An operator pressed Start since the last homing: pins may be taken. Kept through Pause and Resume.</summary>
    public bool Started { get; private set; }

    /// <summary>True from Connected until the link is lost: where the ways out of EStop and NeedsInspection lead.</summary>
    public bool ControllerLinked { get; private set; }

    /// <summary>The step a door opening interrupted; where <see cref="Resume"/> returns to from SafetyHold.</summary>
    public StationState? HeldFrom { get; private set; }

    public bool LaserEnableAllowed => _machine.State == StationState.Engraving && Interlocks.PermitLaser;

    public bool IsIn(StationState state) => _machine.IsInState(state);

    public bool CanFire(StationTrigger trigger) => _machine.CanFire(trigger);

    public void Connect() => Fire(StationTrigger.Connect);

    public void Connected() => Fire(StationTrigger.Connected);

    public void LinkLost() => Fire(StationTrigger.LinkLost);

    public void Home() => Fire(StationTrigger.Home);

    public void Homed() => Fire(StationTrigger.Homed);

    public void HomingFailed() => Fire(StationTrigger.HomingFailed);

    /// <summary>The operator's Start: allowed only in Idle once homed since the last reset.</summary>
    public void Start() => Fire(StationTrigger.Start);

    public void StartPin() => Fire(StationTrigger.StartPin);

    public void Positioned() => Fire(StationTrigger.Positioned);

    public void Focused() => Fire(StationTrigger.Focused);

    public void Engraved() => Fire(StationTrigger.Engraved);

    public void Captured() => Fire(StationTrigger.Captured);

    public void Recorded() => Fire(StationTrigger.Recorded);

    public void Pause() => Fire(StationTrigger.Pause);

    public void Resume() => Fire(StationTrigger.Resume);

    public void AlarmRaised() => Fire(StationTrigger.AlarmRaised);

    public void Unlock() => Fire(StationTrigger.Unlock);

    public void OutcomeUnknown() => Fire(StationTrigger.OutcomeUnknown);

    public void InspectionResolved() => Fire(StationTrigger.InspectionResolved);

    /// <summary>Reports new interlock readings; an opened door or pressed e-stop moves the machine at once.</summary>
    public void UpdateInterlocks(Interlocks interlocks)
    {
        ArgumentNullException.ThrowIfNull(interlocks);
        var previous = Interlocks;
        Interlocks = interlocks;
        if (!interlocks.EStopReleased && _machine.CanFire(StationTrigger.EStopPressed))
        {
            Fire(StationTrigger.EStopPressed);
        }
        else if (previous.DoorClosed && !interlocks.DoorClosed && _machine.CanFire(StationTrigger.DoorOpened))
        {
            Fire(StationTrigger.DoorOpened);
        }
    }

    /// <summary>Clears an e-stop once it is released; the station must be homed and started again.</summary>
    public void ResetEStop() => Fire(StationTrigger.EStopReset);

    /// <summary>The state graph in Graphviz DOT.</summary>
    public string ToDotGraph() => UmlDotGraph.Format(_machine.GetInfo());

    private void Fire(StationTrigger trigger) => _machine.Fire(trigger);

    private void Configure()
    {
        _machine.Configure(StationState.Disconnected)
            .OnEntry(ForgetLink, "forget link, homing and start")
            .Permit(StationTrigger.Connect, StationState.Connecting)
            .Permit(StationTrigger.EStopPressed, StationState.EStop)
            .Ignore(StationTrigger.LinkLost)
            .Ignore(StationTrigger.AlarmRaised)
            .Ignore(StationTrigger.DoorOpened);

        _machine.Configure(StationState.Connecting)
            .OnEntry(ForgetHoming, "forget homing and start")
            .Permit(StationTrigger.Connected, StationState.Idle)
            .Permit(StationTrigger.LinkLost, StationState.Disconnected)
            .Permit(StationTrigger.AlarmRaised, StationState.Alarm)
            .Permit(StationTrigger.EStopPressed, StationState.EStop)
            .Ignore(StationTrigger.DoorOpened);

        _machine.Configure(StationState.Idle)
            .Permit(StationTrigger.Home, StationState.Homing)
            .PermitReentryIf(StationTrigger.Start, () => HomedSinceReset, "homed since reset")
            .PermitIf(StationTrigger.StartPin, StationState.Positioning, () => HomedSinceReset && Started && Interlocks.ReadyForPin, "homed, started and interlocks ready")
            .Permit(StationTrigger.Pause, StationState.Paused)
            .Permit(StationTrigger.LinkLost, StationState.Disconnected)
            .Permit(StationTrigger.AlarmRaised, StationState.Alarm)
            .Permit(StationTrigger.EStopPressed, StationState.EStop)
            .Ignore(StationTrigger.DoorOpened)
            .OnEntryFrom(StationTrigger.Connected, () => ControllerLinked = true, "linked")
            .OnEntryFrom(StationTrigger.Homed, () => HomedSinceReset = true, "homed since reset")
            .OnEntryFrom(StationTrigger.Start, () => Started = true, "started");

        _machine.Configure(StationState.Homing)
            .OnEntry(ForgetHoming, "forget homing and start")
            .PermitIf(StationTrigger.Homed, StationState.Idle, () => Interlocks.PermitLaser, "interlocks safe")
            .PermitIf(StationTrigger.Homed, StationState.Alarm, () => !Interlocks.PermitLaser, "interlocks not safe")
            .Permit(StationTrigger.HomingFailed, StationState.Idle)
            .Permit(StationTrigger.LinkLost, StationState.Disconnected)
            .Permit(StationTrigger.AlarmRaised, StationState.Alarm)
            .Permit(StationTrigger.EStopPressed, StationState.EStop)
            .Permit(StationTrigger.DoorOpened, StationState.Alarm);

        ConfigureRunning();
        ConfigureStops();
    }

    private void ConfigureRunning()
    {
        // A pin in hand when the link drops is recorded NeedsInspection by the batch; the station itself is
        // without a controller until it reconnects and is homed again.
        _machine.Configure(StationState.Running)
            .Permit(StationTrigger.LinkLost, StationState.Disconnected)
            .Permit(StationTrigger.OutcomeUnknown, StationState.NeedsInspection)
            .Permit(StationTrigger.AlarmRaised, StationState.Alarm)
            .Permit(StationTrigger.EStopPressed, StationState.EStop);

        _machine.Configure(StationState.Positioning).SubstateOf(StationState.Running)
            .Permit(StationTrigger.Positioned, StationState.Focusing)
            .Permit(StationTrigger.DoorOpened, StationState.SafetyHold);
        _machine.Configure(StationState.Focusing).SubstateOf(StationState.Running)
            .PermitIf(StationTrigger.Focused, StationState.Engraving, () => HomedSinceReset && Interlocks.PermitLaser, "homed and interlocks safe")
            .Permit(StationTrigger.DoorOpened, StationState.SafetyHold);
        _machine.Configure(StationState.Engraving).SubstateOf(StationState.Running)
            .Permit(StationTrigger.Engraved, StationState.Verifying)
            .Permit(StationTrigger.DoorOpened, StationState.SafetyHold);
        _machine.Configure(StationState.Verifying).SubstateOf(StationState.Running)
            .Permit(StationTrigger.Captured, StationState.Recording)
            .Permit(StationTrigger.DoorOpened, StationState.SafetyHold);
        _machine.Configure(StationState.Recording).SubstateOf(StationState.Running)
            .Permit(StationTrigger.Recorded, StationState.Idle)
            .Ignore(StationTrigger.DoorOpened);

        _machine.Configure(StationState.SafetyHold).SubstateOf(StationState.Running)
            .OnEntry(t => HeldFrom = t.Source, "remember the held step")
            .OnExit(() => HeldFrom = null, "forget the held step")
            .Ignore(StationTrigger.DoorOpened)
            .PermitIf(StationTrigger.Resume, StationState.Positioning, () => CanResumeTo(StationState.Positioning), "held in Positioning, door closed")
            .PermitIf(StationTrigger.Resume, StationState.Focusing, () => CanResumeTo(StationState.Focusing), "held in Focusing, door closed")
            .PermitIf(StationTrigger.Resume, StationState.Engraving, () => CanResumeTo(StationState.Engraving), "held in Engraving, door closed, homed")
            .PermitIf(StationTrigger.Resume, StationState.Verifying, () => CanResumeTo(StationState.Verifying), "held in Verifying, door closed");
    }

    private void ForgetLink()
    {
        ControllerLinked = false;
        ForgetHoming();
    }

    private void ForgetHoming()
    {
        HomedSinceReset = false;
        Started = false;
    }

    private bool CanResumeTo(StationState state) => HeldFrom == state && Interlocks.PermitLaser && HomedSinceReset;

    private void ConfigureStops()
    {
        _machine.Configure(StationState.Paused)
            .Permit(StationTrigger.Resume, StationState.Idle)
            .Permit(StationTrigger.LinkLost, StationState.Disconnected)
            .Permit(StationTrigger.AlarmRaised, StationState.Alarm)
            .Permit(StationTrigger.EStopPressed, StationState.EStop)
            .Ignore(StationTrigger.DoorOpened);

        _machine.Configure(StationState.Alarm)
            .OnEntry(ForgetHoming, "forget homing and start")
            .Permit(StationTrigger.Unlock, StationState.Idle)
            .Permit(StationTrigger.LinkLost, StationState.Disconnected)
            .Permit(StationTrigger.EStopPressed, StationState.EStop)
            .Ignore(StationTrigger.AlarmRaised)
            .Ignore(StationTrigger.DoorOpened);

        _machine.Configure(StationState.EStop)
            .OnEntry(ForgetHoming, "forget homing and start")
            .PermitIf(StationTrigger.EStopReset, StationState.Idle, () => Interlocks.EStopReleased && ControllerLinked, "e-stop released, controller linked")
            .PermitIf(StationTrigger.EStopReset, StationState.Disconnected, () => Interlocks.EStopReleased && !ControllerLinked, "e-stop released, link lost")
            .InternalTransition(StationTrigger.LinkLost, _ => ControllerLinked = false)
            .InternalTransition(StationTrigger.Connected, _ => ControllerLinked = true)
            .Ignore(StationTrigger.EStopPressed)
            .Ignore(StationTrigger.AlarmRaised)
            .Ignore(StationTrigger.DoorOpened);

        _machine.Configure(StationState.NeedsInspection)
            .OnEntry(ForgetHoming, "forget homing and start")
            .PermitIf(StationTrigger.InspectionResolved, StationState.Idle, () => ControllerLinked, "controller linked")
            .PermitIf(StationTrigger.InspectionResolved, StationState.Disconnected, () => !ControllerLinked, "link lost")
            .Permit(StationTrigger.EStopPressed, StationState.EStop)
            .InternalTransition(StationTrigger.LinkLost, _ => ControllerLinked = false)
            .Ignore(StationTrigger.AlarmRaised)
            .Ignore(StationTrigger.DoorOpened);
    }
}

public sealed record StationTransition(StationState From, StationState To, StationTrigger Trigger);
