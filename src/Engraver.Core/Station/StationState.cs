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
    /// <summary>Not entered by the machine (a lost link leads to Disconnected); kept so that older clients' names parse.</summary>
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

    /// <summary>The homing cycle ended without homing (the controller refused or did not finish it, or it was abandoned).</summary>
    HomingFailed,
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

    /// <summary>An operator's Start: the homed, idle station may take pins. Nothing moves before it.</summary>
    Start,
}
