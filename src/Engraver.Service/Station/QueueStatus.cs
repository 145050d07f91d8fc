namespace Engraver.Service.Station;

/// <summary>What the station's queue loop last did, for anyone watching the service: how many serials it
/// has ended so far and, when it is not taking work, why and what a person does about it (null when the wait
/// needs nobody, as with an empty queue). (The pins themselves are shown by <see cref="StationRuntime"/>.)</summary>
public sealed class QueueStatus
{
    public const string Starting = "the station is starting";

    public const string QueueEmpty = "the queue is empty";

    private volatile Snapshot _current = new(Starting, 0);

    public Snapshot Current => _current;

    internal void Waiting(string? because, string? nextAction = null) =>
        _current = _current with { WaitingBecause = because, NextAction = because is null ? null : nextAction };

    internal void Settled() => _current = _current with { PinsSettled = _current.PinsSettled + 1 };

    public sealed record Snapshot(string? WaitingBecause, long PinsSettled)
    {
        /// <summary>What a person does to end the wait ("Replace the tray ..."); null when it needs nobody.</summary>
        public string? NextAction { get; init; }
    }
}
