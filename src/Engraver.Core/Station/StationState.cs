namespace Engraver.Core.Station;

public enum StationState
{
    Disconnected,
    Connecting,
    Homing,
    Idle,

    /// <summary>Superstate of every state that works on a pin.</summary>
    Running,
    Positioning,
    Focusing,
    Engraving,
    Verifying,
    Recording,
    Paused,
    SafetyHold,
    Alarm,
    EStop,
    Faulted,
    NeedsInspection,
}

public enum StationTrigger
{
    Connect,
    Connected,
    LinkLost,
    Home,
    Homed,
    StartPin,
    Positioned,
    Focused,
    Engraved,
    Captured,
    Recorded,
    Pause,
    Resume,
    DoorOpened,
    AlarmRaised,
    Unlock,
    EStopPressed,
    EStopReset,
    OutcomeUnknown,
    InspectionResolved,
}
