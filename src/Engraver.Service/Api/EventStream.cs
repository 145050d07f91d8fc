using System.Text.Json;
using System.Threading.Channels;
using Engraver.Service.Station;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>GET /api/events: server-sent events, one "status" event with the <see cref="StatusSnapshot"/> at
/// once, after every change (at most ten a second) and at least every two seconds as a heartbeat.</summary>
public static class EventStream
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinimumSpacing = TimeSpan.FromMilliseconds(100);

    /// <summary>Streams until the client goes away or the service stops: a stream that outlived the stop would hold
    /// the shutdown until the server's own timeout ran out.</summary>
    public static async Task RunAsync(
        HttpContext context, StatusSnapshotBuilder builder, StationRuntime runtime, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(lifetime);
        using var clientOrStop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = clientOrStop.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnChanged() => changes.Writer.TryWrite(true);
        runtime.Changed += OnChanged;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var data = JsonSerializer.Serialize(builder.Build(), json.Value.SerializerOptions);
                await context.Response.WriteAsync($"event: status\ndata: {data}\n\n", cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                await WaitForChangeAsync(changes.Reader, runtime.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the service is stopping: the response ends here.
        }
        finally
        {
            runtime.Changed -= OnChanged;
        }
    }

    private static async Task WaitForChangeAsync(ChannelReader<bool> changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        await Task.Delay(MinimumSpacing, clock, cancellationToken).ConfigureAwait(false);
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        beat.CancelAfter(Heartbeat - MinimumSpacing);
        try
        {
            await changes.ReadAsync(beat.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No change for a while: the heartbeat is due.
        }
    }
}
