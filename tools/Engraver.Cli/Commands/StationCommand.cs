using System.CommandLine;
using Engraver.Core.Input;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Storage;

namespace Engraver.Cli.Commands;

/// <summary>`engraver station`: a supervisor's tools for a station identity on the record store.</summary>
internal static class StationCommand
{
    private const string ReleaseVerb = "station release";

    public static Command Create() => new("station", "A supervisor's tools for a station on the record store.")
    {
        Release(),
    };

    /// <summary>Takes the station's lease itself, so it works only while no live process holds the station and
    /// no service can start as that station until it has finished.</summary>
    private static Command Release()
    {
        var id = new Argument<string>("ID") { Description = "The station id (Station:Id) whose claims to release." };
        var user = new Option<string>("--user") { Description = "Who releases the station (recorded as the operator of the records written).", Required = true }
            .Checked(TextField.User("--user"));
        var source = new AuditStoreSource(createIfMissing: false);
        var command = new Command("release",
            "For a station that is not running: every serial it still has claimed (Engraving) becomes NeedsInspection, with a pin record saying so. Refused while a live process holds the station.")
        { id, user };
        source.AddTo(command);
        command.SetAction((result, token) => StoreVerbGuard.RunAsync(ReleaseVerb, async () =>
        {
            var station = StationIds.Check(result.GetValue(id)!, "ID");
            var who = result.GetValue(user)!;
            if (string.IsNullOrWhiteSpace(who))
            {
                throw new ArgumentException("--user must name who releases the station.");
            }

            var (options, dataFolder, location) = source.Resolve(result);
            IStationLease lease;
            try
            {
                lease = await StationLeases.AcquireAsync(options, dataFolder, station, token).ConfigureAwait(false);
            }
            catch (StationLeaseHeldException held)
            {
                // Nothing is written while the station lives: not even the refusal, which would be a write in its name.
                await Console.Error.WriteLineAsync($"{ReleaseVerb}: refused, {held.Message}").ConfigureAwait(false);
                return 1;
            }

            await using var _lease = lease;
            await using var store = (await RecordStoreFactory.OpenForWritingAsync(options, AuditStoreSource.StoreFolder(options, dataFolder, location), [], null, token).ConfigureAwait(false)).Store;
            var released = await StationClaimRelease.ReleaseAsync(store, lease, who, DateTimeOffset.UtcNow, token).ConfigureAwait(false);
            await CommandLog.AppendAsync(store, who, ReleaseVerb,
                [new("station", station), new("serials", string.Join(" ", released.Select(r => r.Claim.Serial))),
                 new("toInspection", released.Count(r => r.EndedAs == SerialState.NeedsInspection))],
                null, token).ConfigureAwait(false);
            if (released.Count == 0)
            {
                Console.WriteLine($"station {station}: no serials claimed in {location}; nothing to release.");
                return 0;
            }

            foreach (var r in released)
            {
                Console.WriteLine(r.EndedAs == SerialState.Verified
                    ? $"{r.Claim.Serial} (job {r.Claim.JobId}, slot {r.Claim.Slot}, attempt {r.Claim.Attempt}): already verified; the queue now says so"
                    : $"{r.Claim.Serial} (job {r.Claim.JobId}, slot {r.Claim.Slot}, attempt {r.Claim.Attempt}): NeedsInspection, pin record #{r.PinSequence}");
            }

            Console.WriteLine($"station {station}: {released.Count} claimed serial(s) released in {location}.");
            return 0;
        }));
        return command;
    }
}
