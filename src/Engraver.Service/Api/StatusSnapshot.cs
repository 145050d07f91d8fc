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

    /// <summary>The oldest pin waiting for inspection (its serial's latest record is NeedsInspection), with how
    /// many more wait; null while none does.</summary>
    public InspectionStatus? Inspection { get; init; }
    /// <summary>The stack light: Green (working, or ready and waiting for work), Amber (waiting for a person:
    /// <see cref="NextAction"/> says for what), Red (stopped by a fault). The panel's banner takes this colour.</summary>
    public StationLight Light { get; init; }

    /// <summary>The devices that are simulated ("controller", "camera", "io"); empty on a production station.
    /// Pins recorded while any is are marked simulated.</summary>
    public IReadOnlyList<string> SimulatedDevices { get; init; } = [];

    /// <summary>The camera geometry and focus height the station runs under, and the calibration they come from
    /// (its id is in every pin record); null while the station's configuration cannot be read.</summary>
    public CameraGeometryStatus? Camera { get; init; }
}

/// <summary>The camera's offset from the laser, scale, rotation and focus height: measured by `engraver calibrate`
/// (<see cref="CalibrationId"/> names the calibration) or, with no calibration file, the typed-in values.</summary>
public sealed record CameraGeometryStatus(
    string? CalibrationId, DateTime? CalibratedAt, string? CalibratedBy, double OffsetXMm, double OffsetYMm, double MillimetresPerPixel, double RotationDeg, double FocusZMm);

/// <summary>A pin waiting for a person to inspect it and resolve it (POST /api/pins/{serial}/resolve).</summary>
public sealed record InspectionStatus(
    string Serial, string Make, string Model, string JobId, int Slot, int Attempt, string? Reason, string? EvidencePath, DateTime At, int MoreWaiting);

public sealed record InterlocksStatus(bool DoorClosed, bool EStopReleased, bool TrayPresent, bool ClampClosed, bool AirOk, bool FumeExtractorOk);

/// <summary>The controller's last status report; a field the report did not carry is null.</summary>
public sealed record ControllerStatus(
    bool Connected, string? State, double? X, double? Y, double? Z, double? FeedMmPerMin, double? PowerFraction, int? BufferFree)
{
    /// <summary>The feed override in force, in percent (100 = the recipe as written); null while not reported.</summary>
    public int? FeedOverridePercent { get; init; }

    /// <summary>The laser power override in force, in percent; null while not reported.</summary>
    public int? PowerOverridePercent { get; init; }
}

public sealed record JobProgressStatus(string JobId, string State, int Finished, int Total, int Verified, double? EtaSeconds)
{
    /// <summary>The job's serials by state, as the queue last counted them.</summary>
    public JobSerialCounts? Serials { get; init; }

    /// <summary>Pins used (each attempt engraved, rejected ones included) and verified, and the records written.</summary>
    public JobPinCounts? Pins { get; init; }

    /// <summary>Serials that ended Failed: each needs a new pin.</summary>
    public IReadOnlyList<string> NeedNewPin { get; init; } = [];
}

public sealed record JobSerialCounts(int Total, int Verified, int Pending, int Engraving, int NeedsInspection, int Failed, int Cancelled);

public sealed record JobPinCounts(int Used, int Verified, int Records);

public sealed record LastPinStatus(
    string Serial, string Make, string Model, int Slot, int Attempt, string? Grade, string Outcome, string? Reason, DateTime FinishedAt);

public sealed record AlarmStatus(int Id, string Code, string Text, string Help, DateTime RaisedAt, bool Acknowledged);
