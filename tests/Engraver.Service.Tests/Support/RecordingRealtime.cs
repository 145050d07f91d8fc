using System.Collections.Concurrent;
using Engraver.Service.Station;

namespace Engraver.Service.Tests.Support;

/// <summary>A controller that only remembers the realtime bytes it was sent.</summary>
internal sealed class RecordingRealtime : IRealtimeCommands
{
    private readonly ConcurrentQueue<byte> _sent = new();

    public IReadOnlyList<byte> Sent => [.. _sent];

    public Task SendRealtimeAsync(byte command, CancellationToken cancellationToken)
    {
        _sent.Enqueue(command);
        return Task.CompletedTask;
    }
}
