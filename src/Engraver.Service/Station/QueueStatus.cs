namespace Engraver.Service.Station;

/// <summary>What the station's queue loop last did, for anyone watching the service: how many serials it
/// has ended so far and, when it is not taking work, why. (The pins themselves are shown by
/// <see cref="StationRuntime"/>.)</summary>
public sealed class QueueStatus
{
    public const string Starting = "the station is starting";

    public const string QueueEmpty = "the queue is empty";

    private volatile Snapshot _current = new(Starting, 0);

    public Snapshot Current => _current;

    internal void Waiting(string? because) => _current = _current with { WaitingBecause = because };

    internal void Settled() => _current = _current with { PinsSettled = _current.PinsSettled + 1 };

    public sealed record Snapshot(string? WaitingBecause, long PinsSettled);
}
