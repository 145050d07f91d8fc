namespace Engraver.Traceability.Records;

public enum PinOutcome
{
    Verified,
    Rejected,
    NeedsInspection,
}

/// <summary>The traceability facts of one engraved pin (DESIGN: Record). Written once, never updated.</summary>
public sealed record PinRecord
{
    public required string Serial { get; init; }
    public required string Make { get; init; }
    public required string Model { get; init; }
    public required string JobId { get; init; }
    public required string Station { get; init; }
    public required string Operator { get; init; }
    public required string PinLot { get; init; }
    public required int Slot { get; init; }
    public required int Attempt { get; init; }
    public required string Firmware { get; init; }
    public required string FirmwareBanner { get; init; }
    public required string RecipeName { get; init; }
    public required double PowerFraction { get; init; }
    public required double FeedMmPerMin { get; init; }
    public required int Passes { get; init; }
    public required string ToolpathSha256 { get; init; }
    public double? StrokeCoverage { get; init; }
    public double? StrayMark { get; init; }
    public string? Grade { get; init; }
    public string? EvidencePath { get; init; }
    public string? EvidenceSha256 { get; init; }
    public required PinOutcome Outcome { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The station's devices that were simulated when this pin was made, named in one text
    /// ("controller, camera, io"). Null or blank: none was, a production record. A pin made on the station
    /// twin must never pass for a production pin, so the record says so itself, inside the hash chain.</summary>
    public string? SimulatedDevices { get; init; }

    /// <summary>SHA-256 (hex) of the recipe file the pin was burned with, as the station loaded it; null when the
    /// recipe came from nowhere a file can be named (records made before recipe files).</summary>
    public string? RecipeSha256 { get; init; }

    /// <summary>The camera calibration the pin was verified under (its id); null: the typed-in camera values.</summary>
    public string? Calibration { get; init; }

    /// <summary>The operator's feed and power overrides in force while the pin was burned ("feed 110%, power 95%");
    /// null when the recipe ran as written.</summary>
    public string? Overrides { get; init; }

    /// <summary>For a recipe with several marking locations: each location's result as JSON (name, outcome,
    /// grade, coverage, stray mark, evidence path and hash); null for a one-location recipe.</summary>
    public string? Locations { get; init; }

    /// <summary>True when the record names a simulated device: the pin was not made on production devices.</summary>
    public bool IsSimulated => !string.IsNullOrWhiteSpace(SimulatedDevices);
}

/// <summary>A pin record as stored: its place in the chain and the hashes that link it.</summary>
public sealed record StoredPinRecord(long Sequence, PinRecord Record, string PreviousHash, string Hash);

/// <summary>The result of walking the hash chain: intact, or the first row that does not match.</summary>
public sealed record ChainVerification(bool Intact, long RowsChecked, long? FirstBrokenSequence, string? Problem);
