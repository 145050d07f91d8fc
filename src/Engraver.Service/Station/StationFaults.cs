using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>A pin's record could not be written. Nothing else stops the station: going on would leave a
/// pin without its record.</summary>
public sealed class RecordNotWrittenException(string message, Exception inner) : Exception(message, inner);

/// <summary>The record store (the data folder, the SQLite file or the PostgreSQL server) cannot be opened.</summary>
public sealed class RecordStoreUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>The configuration asks for something that cannot work (a missing firmware profile, the camera
/// twin without the controller twin); the message names the key.</summary>
public sealed class StationConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

internal static class RecordAppend
{
    /// <summary>Appends <paramref name="record"/>; any failure becomes <see cref="RecordNotWrittenException"/>,
    /// which stops the station.</summary>
    public static async Task AppendOrStopAsync(this IRecordStore records, PinRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await records.AppendPinAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new RecordNotWrittenException($"The {record.Outcome} record of pin {record.Serial} (slot {record.Slot}, attempt {record.Attempt}) could not be written: {e.Message}", e);
        }
    }
}
