using Engraver.Core.Station;

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
}

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
    int? BufferFree);

public sealed record JobProgress(
    string JobId,
    string State,
    int Finished,
    int Total,
    int Verified,
    double? EtaSeconds);

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
