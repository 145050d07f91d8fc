using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;

namespace Engraver.Traceability.Storage;

/// <summary>Takes a station's lease on the store that <see cref="RecordStoreOptions"/> names (the same store
/// <see cref="RecordStoreFactory"/> opens): before the store is opened, so a refused process writes nothing.</summary>
public static class StationLeases
{
    public static async Task<IStationLease> AcquireAsync(RecordStoreOptions options, string dataFolder, string station, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataFolder);
        StationIds.Check(station, "Station id");
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            return await PostgresStationLease.AcquireAsync(options.PostgresConnectionString, station, cancellationToken);
        }

        return await FileStationLease.AcquireAsync(Path.Combine(dataFolder, options.Path), station, cancellationToken);
    }
}
