namespace Engraver.Traceability.Leases;

/// <summary>Another live process holds the station's lease: this one must not touch the station's claims or
/// write anything in its name. <see cref="Holder"/> is null when the holder has not named itself yet.</summary>
public sealed class StationLeaseHeldException(string station, StationLeaseHolder? holder, string location)
    : InvalidOperationException(Describe(station, holder, location))
{
    public string Station { get; } = station;

    public StationLeaseHolder? Holder { get; } = holder;

    private static string Describe(string station, StationLeaseHolder? holder, string location) =>
        (holder is not null
            ? holder.Describe()
            : $"{station} is held by another live process that has not named itself yet")
        + $" (record store {location}); one live process per Station:Id. Stop that process, or give this one another Station:Id.";
}
