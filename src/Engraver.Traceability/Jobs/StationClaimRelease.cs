using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Jobs;

/// <summary>What releasing one claim of a station that is not running did: the queue state the serial ended
/// in, and the pin record written for it (null when the attempt already had a verified record).</summary>
public sealed record ReleasedClaim(SerialClaim Claim, SerialState EndedAs, long? PinSequence);

/// <summary>Settles the claims of a station that is not running (it died and will not come back, or not soon):
/// as crash recovery does for a pin whose outcome is unknown, each serial still being engraved is recorded
/// NeedsInspection and ends so in its job. Only the holder of the station's lease may do it, so the station
/// cannot be running meanwhile; that is why the lease is a parameter.</summary>
public static class StationClaimRelease
{
    public static async Task<IReadOnlyList<ReleasedClaim>> ReleaseAsync(
        IRecordStore store, IStationLease lease, string user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var station = lease.Holder.Station;
        var released = new List<ReleasedClaim>();
        var lastOfJob = new Dictionary<string, PinRecord?>(StringComparer.Ordinal);
        foreach (var claim in await store.Jobs.ListClaimsAsync(station, cancellationToken))
        {
            var history = await store.FindBySerialAsync(claim.Serial, cancellationToken);
            var ofJob = history.Where(r => r.Record.JobId == claim.JobId).Select(r => r.Record).ToList();
            if (ofJob.LastOrDefault(r => r.Attempt == claim.Attempt) is { Outcome: PinOutcome.Verified })
            {
                // The pin was verified and recorded; only the queue had not heard of it.
                await store.Jobs.FinishAsync(claim, SerialState.Verified, cancellationToken);
                released.Add(new ReleasedClaim(claim, SerialState.Verified, null));
                continue;
            }

            if (!lastOfJob.TryGetValue(claim.JobId, out var stationLast))
            {
                stationLast = await LastRecordAsync(store, station, claim.JobId, cancellationToken);
                lastOfJob[claim.JobId] = stationLast;
            }

            var record = InspectionRecord(claim, ofJob.LastOrDefault(), stationLast, user, now);
            var stored = await store.AppendPinAsync(record, cancellationToken);
            await store.Jobs.FinishAsync(claim, SerialState.NeedsInspection, cancellationToken);
            released.Add(new ReleasedClaim(claim, SerialState.NeedsInspection, stored.Sequence));
        }

        return released;
    }

    /// <summary>The record crash recovery writes for a pin in flight, from what the store knows: the device and
    /// recipe facts of the serial's earlier attempt, else of the station's last pin of the job, else "unknown".</summary>
    private static PinRecord InspectionRecord(SerialClaim claim, PinRecord? serialBefore, PinRecord? stationLast, string user, DateTimeOffset now)
    {
        var facts = serialBefore ?? stationLast;
        var sameRecipe = facts is not null && facts.RecipeName == claim.Recipe;
        return new PinRecord
        {
            Serial = claim.Serial,
            Make = claim.Make,
            Model = claim.Model,
            JobId = claim.JobId,
            Station = claim.Station,
            Operator = user,
            PinLot = claim.PinLot,
            Slot = claim.Slot,
            Attempt = claim.Attempt,
            Firmware = facts?.Firmware ?? "unknown",
            FirmwareBanner = facts?.FirmwareBanner ?? "unknown",
            RecipeName = claim.Recipe,
            PowerFraction = sameRecipe ? facts!.PowerFraction : 0,
            FeedMmPerMin = sameRecipe ? facts!.FeedMmPerMin : 0,
            Passes = sameRecipe ? facts!.Passes : 0,
            // The same serial, recipe and firmware always give the same toolpath; another serial's would be wrong.
            ToolpathSha256 = serialBefore?.ToolpathSha256 ?? "unknown",
            Outcome = PinOutcome.NeedsInspection,
            Reason = $"released by {user}: station {claim.Station} was not running (slot {claim.Slot}, attempt {claim.Attempt}); inspect the pin before resolving",
            StartedAt = now,
            FinishedAt = now,
            SimulatedDevices = facts?.SimulatedDevices,
            RecipeSha256 = sameRecipe ? facts!.RecipeSha256 : null,
            Calibration = facts?.Calibration,
        };
    }

    private static async Task<PinRecord?> LastRecordAsync(IRecordStore store, string station, string jobId, CancellationToken cancellationToken)
    {
        PinRecord? last = null;
        await foreach (var row in store.QueryAsync(new RecordQuery { Station = station, JobId = jobId }, cancellationToken))
        {
            last = row.Record;
        }

        return last;
    }
}
