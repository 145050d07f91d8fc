using Engraver.Panel.Api;

namespace Engraver.Panel.Tests.Support;

/// <summary>Reads a feed's updates one at a time until the one a test waits for; a generous guard
/// stops a test that would otherwise hang, it is not a timing assertion.</summary>
internal sealed class FeedWatcher : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new(HangGuard);
    private readonly IAsyncEnumerator<FeedUpdate> _updates;

    public FeedWatcher(StatusFeed feed) => _updates = feed.WatchAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);

    public List<FeedUpdate> Seen { get; } = [];

    public async Task<T> NextAsync<T>(Func<T, bool>? match = null)
        where T : FeedUpdate
    {
        while (await _updates.MoveNextAsync())
        {
            Seen.Add(_updates.Current);
            if (_updates.Current is T wanted && (match is null || match(wanted)))
            {
                return wanted;
            }
        }

        throw new InvalidOperationException($"The feed ended before a {typeof(T).Name}; seen: {string.Join(", ", Seen)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _updates.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // Cancelled on purpose.
        }

        _stop.Dispose();
    }
}
