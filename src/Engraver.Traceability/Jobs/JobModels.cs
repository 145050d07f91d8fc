namespace Engraver.Traceability.Jobs;

/// <summary>Where a queued job is. Jobs run in submission order; a paused job holds the queue.</summary>
public enum JobState
{
    Queued,
    Running,
    Paused,
    Cancelled,
    Finished,
}

/// <summary>Where one serial of a job is. Engraving is a claim: one station has taken it and may have
/// started a pin; the others are final except Pending.</summary>
public enum SerialState
{
    Pending,
    Engraving,
    Verified,
    NeedsInspection,
    Failed,
    Cancelled,
}

public enum JobCommand
{
    Pause,
    Resume,
    Cancel,
}

/// <summary>A validated job to put in the queue: the serials in the order they are to be engraved.</summary>
public sealed record JobSubmission(
    string JobId,
    string Make,
    string Model,
    string PinLot,
    string Recipe,
    IReadOnlyList<string> Serials,
    string Source,
    string SubmittedBy,
    DateTimeOffset SubmittedAt);

/// <summary>A job as the queue holds it, with its serials counted by state.</summary>
public sealed record JobSummary(
    string JobId,
    string Make,
    string Model,
    string PinLot,
    string Recipe,
    JobState State,
    int Total,
    int Pending,
    int Engraving,
    int Verified,
    int NeedsInspection,
    int Failed,
    int Cancelled,
    string Source,
    string SubmittedBy,
    DateTimeOffset SubmittedAt)
{
    /// <summary>Serials that reached a final state.</summary>
    public int Finished => Verified + NeedsInspection + Failed + Cancelled;

    /// <summary>Which stations hold this job's serials being engraved, and how many each (filled by
    /// <see cref="IJobStore.ListAsync"/>): a claim of a station that never came back shows here.</summary>
    public IReadOnlyList<StationClaims> EngravingBy { get; init; } = [];

    /// <summary>Pins engraved for the job, each attempt of a serial one pin (rejected ones included); a pin
    /// whose inspection was resolved is still one pin, though it has two records.</summary>
    public int PinsUsed { get; init; }

    /// <summary>Pins of the job whose mark was verified (by the camera or at inspection).</summary>
    public int PinsVerified { get; init; }

    /// <summary>Pin records written for the job: one per pin, plus one per resolved inspection.</summary>
    public int Records { get; init; }

    /// <summary>Serials that ended Failed (every attempt rejected or scrapped): each needs a new pin, in a new job.</summary>
    public IReadOnlyList<string> NeedNewPin { get; init; } = [];
}

/// <summary>Where a serial went once the inspection of its pin was resolved: Verified, Pending again (a scrapped
/// pin with attempts left: its next attempt goes on a fresh pin) or Failed (scrapped with no attempt left: it
/// needs a new pin). <see cref="Attempts"/> counts the pins engraved for it so far.</summary>
public sealed record InspectionSettlement(string JobId, string Serial, SerialState State, int Attempts, JobState JobState);

/// <summary>How many serials of a job one station holds as being engraved.</summary>
public sealed record StationClaims(string Station, int Serials);

/// <summary>A serial claimed by a station: the job facts a pin record needs, the tray slot the pin goes
/// in, and the attempt this is (1 for the first pin of the serial).</summary>
public sealed record SerialClaim(
    string JobId,
    string Make,
    string Model,
    string PinLot,
    string Recipe,
    int Position,
    string Serial,
    int Attempt,
    string Station,
    int Slot);

/// <summary>Why a station got no serial to engrave.</summary>
public enum NoClaimReason
{
    /// <summary>No job has a pending serial.</summary>
    QueueEmpty,

    /// <summary>The first job with pending serials is paused; it holds the queue.</summary>
    JobPaused,

    /// <summary>Every slot of the station's tray has been used; load a new tray.</summary>
    TrayFull,
}

/// <summary>The answer to a claim: a serial and its slot, or why there is none.</summary>
public sealed record ClaimResult(SerialClaim? Claim, NoClaimReason? Reason, string? JobId = null)
{
    public static ClaimResult Claimed(SerialClaim claim) => new(claim, null, claim.JobId);

    public static ClaimResult None(NoClaimReason reason, string? jobId = null) => new(null, reason, jobId);
}

/// <summary>The queue refused a request: an unknown job, a job id used before, a state change the job's
/// state does not allow, or serials already waiting in another job.</summary>
public sealed class JobQueueException(string message) : InvalidOperationException(message);
