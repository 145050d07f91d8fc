namespace Engraver.Traceability.Jobs;

/// <summary>The persisted job queue, kept in the record database so it survives any crash of a station
/// and is shared by every station on the same database. Every change is one transaction; a serial is
/// claimed by at most one station (a write lock on SQLite, row locks with SKIP LOCKED on PostgreSQL).</summary>
public interface IJobStore
{
    /// <summary>Queues a job and its serials. Refuses a job id used before and serials still pending or
    /// being engraved in another job (<see cref="JobQueueException"/>).</summary>
    Task<JobSummary> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken cancellationToken);

    Task<JobSummary?> FindAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The oldest job not yet ended (queued, running or paused): the one stations work on.</summary>
    Task<JobSummary?> FindActiveAsync(CancellationToken cancellationToken);

    /// <summary>Pause (Queued or Running), Resume (Paused) or Cancel (not yet ended: its pending serials
    /// are cancelled; serials being engraved finish). Anything else is refused with <see cref="JobQueueException"/>.</summary>
    Task<JobSummary> ApplyAsync(string jobId, JobCommand command, CancellationToken cancellationToken);

    /// <summary>Claims the next pending serial of the oldest job that has one, for <paramref name="station"/>,
    /// with the next free slot of that station's tray of <paramref name="slotCount"/> slots.</summary>
    Task<ClaimResult> ClaimNextAsync(string station, int slotCount, CancellationToken cancellationToken);

    /// <summary>The slot the next claim of <paramref name="station"/> would take (0 on a station that has taken none);
    /// read only, nothing is claimed. A store that does not track trays answers 0.</summary>
    Task<int> PeekNextSlotAsync(string station, CancellationToken cancellationToken) => Task.FromResult(0);

    /// <summary>A further attempt of a claimed serial on the next free slot; null when the tray is full.</summary>
    Task<SerialClaim?> ClaimRetryAsync(SerialClaim claim, int slotCount, CancellationToken cancellationToken);

    /// <summary>Gives back a claim on which nothing moved: the serial is pending again with the attempt
    /// not counted, and its slot is free again when it was the last one taken.</summary>
    Task ReleaseAsync(SerialClaim claim, CancellationToken cancellationToken);

    /// <summary>Puts a claimed serial back in line with its attempts counted (a rejected pin whose next
    /// attempt did not start).</summary>
    Task RequeueAsync(SerialClaim claim, CancellationToken cancellationToken);

    /// <summary>Ends a claimed serial in <paramref name="state"/> (Verified, NeedsInspection or Failed);
    /// a job with nothing left pending or being engraved is then Finished.</summary>
    Task FinishAsync(SerialClaim claim, SerialState state, CancellationToken cancellationToken);

    /// <summary>Settles the serial of job <paramref name="jobId"/> whose pin waited for inspection (its job serial is NeedsInspection), once the
    /// resolution's record is written. Verified ends it Verified. Scrapped (not verified), it goes back in line to
    /// be engraved on a fresh pin as its next attempt when fewer than <paramref name="maxAttemptsPerSerial"/> pins
    /// were engraved for it and its job is not cancelled (a finished job runs again); otherwise it ends Failed and
    /// is listed as needing a new pin. Null when no job holds the serial as waiting for inspection (a pin made
    /// outside the queue, or a serial settled before): a serial never ends twice.</summary>
    Task<InspectionSettlement?> SettleInspectionAsync(string jobId, string serial, bool verified, int maxAttemptsPerSerial, CancellationToken cancellationToken);

    /// <summary>The serials <paramref name="station"/> holds as being engraved: after a restart, the pins
    /// that were in flight when it stopped.</summary>
    Task<IReadOnlyList<SerialClaim>> ListClaimsAsync(string station, CancellationToken cancellationToken);

    /// <summary>A new tray is on the station: slots count from the first again.</summary>
    Task ResetTrayAsync(string station, CancellationToken cancellationToken);
}
