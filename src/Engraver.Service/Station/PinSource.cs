using Engraver.Core.Identity;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>The job a pin belongs to, as its record names it, and the recipe it is burned with (null: a batch given
/// in code, burned with the station's default plan).</summary>
public sealed record JobRef(string JobId, string PinLot, string? Recipe = null);

/// <summary>One pin to engrave: which serial, for which job, in which tray slot, and which attempt.</summary>
public sealed record PinWork(JobRef Job, MicrostampIdentity Identity, int Slot, int Attempt);

/// <summary>What a source gave: a pin to engrave, or why there is none now (null reason: nothing left).</summary>
public sealed record PinTake(PinWork? Work, string? StopReason)
{
    public static PinTake Nothing { get; } = new(null, null);
}

/// <summary>Where a station's pins come from and where their ends are written: the serials of one batch
/// in memory, or claims on the persisted queue. The runner takes a pin only when the machine is about to
/// start it, so a claim is never older than the pin in flight.</summary>
public interface IPinSource
{
    /// <summary>The next serial to engrave and its slot.</summary>
    Task<PinTake> NextAsync(CancellationToken cancellationToken);

    /// <summary>Another attempt of <paramref name="work"/> (its mark was rejected) on the next free slot;
    /// null when the tray is full.</summary>
    Task<PinWork?> RetryAsync(PinWork work, CancellationToken cancellationToken);

    /// <summary>Nothing moved for <paramref name="work"/>: it is first in line again, its slot free.</summary>
    Task ReleaseAsync(PinWork work, CancellationToken cancellationToken);

    /// <summary>A rejected serial whose next attempt will not start now: back in line, attempts counted.</summary>
    Task RequeueAsync(PinWork work, CancellationToken cancellationToken);

    /// <summary>The serial is done with: its last pin ended <paramref name="outcome"/>.</summary>
    Task FinishAsync(PinWork work, PinOutcome outcome, CancellationToken cancellationToken);
}

internal static class SerialStates
{
    public static SerialState For(PinOutcome outcome) => outcome switch
    {
        PinOutcome.Verified => SerialState.Verified,
        PinOutcome.NeedsInspection => SerialState.NeedsInspection,
        _ => SerialState.Failed,
    };
}
