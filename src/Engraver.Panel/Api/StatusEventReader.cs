using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Engraver.Panel.Api;

/// <summary>Reads the service's `text/event-stream` (`event: status` / `data: {json}` blocks) into
/// snapshots; other event types are skipped so the service can add some without breaking the panel.</summary>
public static class StatusEventReader
{
    public const string StatusEventType = "status";

    public static async IAsyncEnumerable<StatusSnapshot> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var parser = SseParser.Create(stream, static (eventType, data) =>
            eventType == StatusEventType ? Parse(data) : null);
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is { } snapshot)
            {
                yield return snapshot;
            }
        }
    }

    private static StatusSnapshot Parse(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize<StatusSnapshot>(data, PanelJson.Options)
                ?? throw new InvalidDataException("A status event carried null instead of a status.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"A status event is not a status the panel can read: {e.Message}", e);
        }
    }
}
