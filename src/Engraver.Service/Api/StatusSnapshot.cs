namespace Engraver.Service.Api;

// Times are UTC DateTime so that they serialise with a trailing Z, as the contract shows.

/// <summary>GET /api/status and every event of /api/events: the station at one instant (see the API contract).</summary>
public sealed record StatusSnapshot(
    string Station,
    string State,
    string? HeldFrom,
    string? Reason,
    InterlocksStatus Interlocks,
    ControllerStatus? Controller,
    JobProgressStatus? Job,
    LastPinStatus? LastPin,
    IReadOnlyList<AlarmStatus> Alarms,
    DateTime At)
{
    /// <summary>Homed since the last reset, alarm, e-stop or reconnect: no pin starts until it is.</summary>
    public bool Homed { get; init; }

    /// <summary>An operator pressed Start since the station was homed: it takes pins from the queue.</summary>
    public bool Started { get; init; }

    /// <summary>What a person does next to get the station working again ("Home the machine (F6 / POST
    /// /api/station/home)"); null while the station needs nobody.</summary>
    public string? NextAction { get; init; }
}

public sealed record InterlocksStatus(bool DoorClosed, bool EStopReleased, bool TrayPresent, bool ClampClosed, bool AirOk, bool FumeExtractorOk);

/// <summary>The controller's last status report; a field the report did not carry is null.</summary>
public sealed record ControllerStatus(
    bool Connected, string? State, double? X, double? Y, double? Z, double? FeedMmPerMin, double? PowerFraction, int? BufferFree);

public sealed record JobProgressStatus(string JobId, string State, int Finished, int Total, int Verified, double? EtaSeconds);

public sealed record LastPinStatus(
    string Serial, string Make, string Model, int Slot, int Attempt, string? Grade, string Outcome, string? Reason, DateTime FinishedAt);

public sealed record AlarmStatus(int Id, string Code, string Text, string Help, DateTime RaisedAt, bool Acknowledged);
