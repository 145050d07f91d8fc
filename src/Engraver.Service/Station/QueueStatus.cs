using Engraver.Service.Jobs;

namespace Engraver.Service.Station;

/// <summary>What the station's queue loop last did, for anyone watching the service: the pin it last
/// settled and, when it is not taking work, why.</summary>
public sealed class QueueStatus
{
    public const string Starting = "the station is starting";

    public const string QueueEmpty = "the queue is empty";

    private volatile Snapshot _current = new(null, Starting, 0);

    public Snapshot Current => _current;

    internal void Waiting(string? because) => _current = _current with { WaitingBecause = because };

    internal void Settled(BatchProgress progress) =>
        _current = _current with { LastProgress = progress, PinsSettled = _current.PinsSettled + 1 };

    public sealed record Snapshot(BatchProgress? LastProgress, string? WaitingBecause, long PinsSettled);
}
