using System.ComponentModel.DataAnnotations;

namespace Engraver.Service.Options;

/// <summary>Where and how: the station's name, where records and evidence go, and how it starts. The operator
/// in each record is the user who pressed Start, not a setting.</summary>
public sealed class StationOptions
{
    public const string Section = "Station";

    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Station:Id must be 1-32 letters, digits, '.', '_' or '-'.")]
    public string Id { get; set; } = "station-1";

    /// <summary>Folder for the record database and evidence images; relative paths are under the working folder.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Folder holding firmware profile JSON files.</summary>
    [Required]
    public string FirmwareProfilesFolder { get; set; } = "firmware-profiles";

    [Required]
    public string FirmwareProfile { get; set; } = "grbl-1.1";

    /// <summary>Folder of the recipe files (NAME.json, one per recipe); relative paths are under the data folder,
    /// so whoever may write the station's data (the service's user) commissions recipes.</summary>
    [Required]
    public string RecipesFolder { get; set; } = "recipes";

    /// <summary>How many pins a serial may be engraved on: a rejected mark and a pin scrapped at inspection each
    /// count as one attempt; after the last the serial ends Failed and needs a new pin.</summary>
    [Range(1, 5)]
    public int MaxAttemptsPerSerial { get; set; } = 2;

    /// <summary>How long a stopping service may take to finish and record the pin in hand before it cuts
    /// everything off (that pin would then need inspection). Keep it below the service manager's stop timeout.</summary>
    [Range(0, 600)]
    public int StopGraceSeconds { get; set; } = 20;

    /// <summary>Only for a guarded cell that must carry on by itself after a crash restart: the service homes and
    /// starts the station at service start (never after an e-stop's reset or a reconnect), logging a warning
    /// each time, and each pin names its job's submitter. Off: nothing moves until an operator homes and starts.</summary>
    public bool UnattendedStart { get; set; }

    /// <summary>How often an idle station looks at the job queue for work.</summary>
    [Range(20, 60_000)]
    public int QueuePollMs { get; set; } = 500;
}
