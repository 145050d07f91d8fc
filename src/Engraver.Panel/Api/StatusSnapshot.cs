using Engraver.Core.Station;
using Engraver.Panel.Status;

namespace Engraver.Panel.Api;

/// <summary>What `GET /api/status` and every `status` event of `GET /api/events` carry.</summary>
public sealed record StatusSnapshot(
    string Station,
    StationState State,
    StationState? HeldFrom,
    string? Reason,
    InterlockStatus Interlocks,
    ControllerStatus? Controller,
    JobProgress? Job,
    LastPin? LastPin,
    IReadOnlyList<AlarmEntry> Alarms,
    DateTimeOffset At)
{
    /// <summary>Homed since the last reset or reconnect; a service that does not send it counts as homed.</summary>
    public bool Homed { get; init; } = true;

    /// <summary>An operator pressed Start since the homing; a service that does not send it counts as started.</summary>
    public bool Started { get; init; } = true;

    /// <summary>What the operator does next ("Home the machine (F6 / POST /api/station/home)"); null when nothing.</summary>
    public string? NextAction { get; init; }

    /// <summary>The oldest pin waiting for inspection and how many more wait; null when none does (or an older
    /// service that does not send it).</summary>
    public InspectionWaiting? Inspection { get; init; }
    /// <summary>The stack light as the service gives it (Green, Amber, Red); null from a service that does not
    /// send it, when the panel works it out from the state.</summary>
    public StackLightColour? Light { get; init; }

    /// <summary>The devices the service simulates ("controller", "camera", "io"); empty on a production station.</summary>
    public IReadOnlyList<string> SimulatedDevices { get; init; } = [];
}

/// <summary>A pin waiting for a person to inspect and resolve it.</summary>
public sealed record InspectionWaiting(
    string Serial,
    string Make,
    string Model,
    string JobId,
    int Slot,
    int Attempt,
    string? Reason,
    string? EvidencePath,
    DateTimeOffset At,
    int MoreWaiting);

public sealed record InterlockStatus(
    bool DoorClosed,
    bool EStopReleased,
    bool TrayPresent,
    bool ClampClosed,
    bool AirOk,
    bool FumeExtractorOk);

/// <summary>The laser controller as the service last saw it; `State` is the controller's own word
/// (GRBL: Idle, Run, Hold, Alarm, ...). A field its last status report did not carry is null.</summary>
public sealed record ControllerStatus(
    bool Connected,
    string? State,
    double? X,
    double? Y,
    double? Z,
    double? FeedMmPerMin,
    double? PowerFraction,
    int? BufferFree)
{
    /// <summary>The feed override in force, in percent (100 = the recipe as written); null while not reported.</summary>
    public int? FeedOverridePercent { get; init; }

    /// <summary>The laser power override in force, in percent; null while not reported.</summary>
    public int? PowerOverridePercent { get; init; }
}

public sealed record JobProgress(
    string JobId,
    string State,
    int Finished,
    int Total,
    int Verified,
    double? EtaSeconds)
{
    /// <summary>The job's serials by state; null from a service that does not count them.</summary>
    public JobSerialCounts? Serials { get; init; }

    /// <summary>Pins used and verified, and the records written.</summary>
    public JobPinCounts? Pins { get; init; }

    /// <summary>Serials that ended Failed: each needs a new pin.</summary>
    public IReadOnlyList<string> NeedNewPin { get; init; } = [];
}

public sealed record JobSerialCounts(int Total, int Verified, int Pending, int Engraving, int NeedsInspection, int Failed, int Cancelled);

public sealed record JobPinCounts(int Used, int Verified, int Records);

public sealed record LastPin(
    string Serial,
    string Make,
    string Model,
    int Slot,
    int Attempt,
    string? Grade,
    string Outcome,
    string? Reason,
    DateTimeOffset FinishedAt);

public sealed record AlarmEntry(
    long Id,
    string Code,
    string Text,
    string? Help,
    DateTimeOffset RaisedAt,
    bool Acknowledged);
