namespace Engraver.Traceability.Leases;

/// <summary>The lease of one station id on one record store, held while the process lives: a second process
/// with the same id is refused (<see cref="StationLeaseHeldException"/>). The operating system or the
/// database server drops it when the process dies, however it dies; disposing it gives it back at once.</summary>
public interface IStationLease : IAsyncDisposable
{
    StationLeaseHolder Holder { get; }
}
