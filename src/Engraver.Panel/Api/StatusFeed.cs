using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Engraver.Panel.Api;

/// <summary>Keeps the panel's live status coming: opens the event stream, passes each snapshot on, and
/// when the service goes away (stopped, restarted, silent) says so and tries again with a growing pause,
/// for as long as the panel runs.</summary>
public sealed class StatusFeed
{
    /// <summary>The service sends at least every 2 s; three missed heartbeats mean the link is dead even
    /// if the socket has not noticed.</summary>
    public static readonly TimeSpan DefaultSilenceLimit = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan CountdownStep = TimeSpan.FromSeconds(1);

    private readonly PanelClient _client;
    private readonly ReconnectBackoff _backoff;
    private readonly TimeSpan _silenceLimit;
    private readonly TimeProvider _time;

    public StatusFeed(PanelClient client, ReconnectBackoff? backoff = null, TimeSpan? silenceLimit = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _backoff = backoff ?? ReconnectBackoff.Default;
        _silenceLimit = silenceLimit ?? DefaultSilenceLimit;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The updates as a sequence; it ends only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<FeedUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<FeedUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = RunAsync(update => channel.Writer.TryWrite(update), stop.Token)
            .ContinueWith(_ => channel.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, handing every update to
    /// <paramref name="onUpdate"/> on the feed's own thread.</summary>
    public async Task RunAsync(Action<FeedUpdate> onUpdate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        var failuresInARow = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            onUpdate(new FeedUpdate.Connection(FeedConnection.Connecting));
            var (delivered, why) = await ReadOneConnectionAsync(onUpdate, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            failuresInARow = delivered ? 0 : failuresInARow + 1;
            if (!await CountDownAsync(_backoff.Delay(failuresInARow), why, onUpdate, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<(bool Delivered, string Why)> ReadOneConnectionAsync(Action<FeedUpdate> onUpdate, CancellationToken cancellationToken)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connection.CancelAfter(_silenceLimit);
        var delivered = false;
        try
        {
            using var response = await _client.OpenEventStreamAsync(connection.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var problem = await PanelClient.ReadProblemAsync(response, connection.Token).ConfigureAwait(false);
                return (false, problem.ToMessage());
            }

            var stream = await response.Content.ReadAsStreamAsync(connection.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await foreach (var snapshot in StatusEventReader.ReadAsync(stream, connection.Token).ConfigureAwait(false))
                {
                    if (!delivered)
                    {
                        onUpdate(new FeedUpdate.Connection(FeedConnection.Live));
                        delivered = true;
                    }

                    connection.CancelAfter(_silenceLimit);
                    onUpdate(new FeedUpdate.Status(snapshot));
                }
            }

            return (delivered, "the service closed the event stream");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (delivered, $"no status for {_silenceLimit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }
        catch (OperationCanceledException)
        {
            return (delivered, "stopped");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
        {
            return (delivered, e.Message);
        }
    }

    /// <summary>Reports the wait second by second so the screen can count down; false when cancelled.</summary>
    private async Task<bool> CountDownAsync(TimeSpan delay, string why, Action<FeedUpdate> onUpdate, CancellationToken cancellationToken)
    {
        var remaining = delay;
        try
        {
            while (remaining > TimeSpan.Zero)
            {
                onUpdate(new FeedUpdate.Connection(FeedConnection.Lost(remaining, why)));
                var step = remaining < CountdownStep ? remaining : CountdownStep;
                await Task.Delay(step, _time, cancellationToken).ConfigureAwait(false);
                remaining -= step;
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
