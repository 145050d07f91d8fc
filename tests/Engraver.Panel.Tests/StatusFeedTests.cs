using Engraver.Core.Station;
using Engraver.Panel.Api;
using Engraver.Panel.Tests.Support;
using Xunit;

namespace Engraver.Panel.Tests;

public sealed class StatusFeedTests : IAsyncLifetime
{
    private static readonly ReconnectBackoff QuickRetry = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200));

    private FakeEngraverService _service = null!;

    public async Task InitializeAsync() => _service = await FakeEngraverService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Feed_delivers_the_status_sent_on_connect_and_every_change_after()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        await using var watcher = new FeedWatcher(new StatusFeed(client, QuickRetry));

        var first = await watcher.NextAsync<FeedUpdate.Status>();
        _service.Publish(ContractJson.SafetyHoldStatus);
        var second = await watcher.NextAsync<FeedUpdate.Status>();

        Assert.Equal(StationState.Engraving, first.Snapshot.State);
        Assert.Equal(StationState.SafetyHold, second.Snapshot.State);
        Assert.Equal("door open", second.Snapshot.Reason);
        Assert.Contains(watcher.Seen, update => update is FeedUpdate.Connection { State.Kind: FeedConnectionKind.Live });
    }

    [Fact]
    public async Task Feed_says_the_connection_is_lost_and_comes_back_when_the_service_restarts()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        await using var watcher = new FeedWatcher(new StatusFeed(client, QuickRetry));
        await watcher.NextAsync<FeedUpdate.Status>();

        await _service.StopAsync();
        var lost = await watcher.NextAsync<FeedUpdate.Connection>(update => update.State.Kind == FeedConnectionKind.Lost);
        _service.Publish(ContractJson.SafetyHoldStatus);
        await _service.RestartAsync();
        var again = await watcher.NextAsync<FeedUpdate.Status>();

        Assert.StartsWith("Connection lost, retrying in 1 s", lost.State.Describe(), StringComparison.Ordinal);
        Assert.Equal(StationState.SafetyHold, again.Snapshot.State);
        Assert.Equal(2, _service.EventStreamsOpened);
    }

    [Fact]
    public async Task Feed_keeps_retrying_while_the_service_is_down_with_growing_waits()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        await _service.StopAsync();
        await using var watcher = new FeedWatcher(new StatusFeed(client, QuickRetry));

        var waits = new List<TimeSpan>();
        while (waits.Count < 3)
        {
            await watcher.NextAsync<FeedUpdate.Connection>(update => update.State.Kind == FeedConnectionKind.Connecting);
            var lost = await watcher.NextAsync<FeedUpdate.Connection>(update => update.State.Kind == FeedConnectionKind.Lost);
            waits.Add(lost.State.RetryIn);
        }

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)], waits);
    }

    [Fact]
    public async Task A_stream_that_goes_silent_counts_as_lost()
    {
        _service.SilentEvents = true;
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        await using var watcher = new FeedWatcher(new StatusFeed(client, QuickRetry, silenceLimit: TimeSpan.FromMilliseconds(300)));

        var lost = await watcher.NextAsync<FeedUpdate.Connection>(update => update.State.Kind == FeedConnectionKind.Lost);

        Assert.Equal("no status for 0.3 s", lost.State.Why);
    }

    [Fact]
    public async Task A_refused_key_on_the_event_stream_is_reported_with_the_problem()
    {
        using var client = new PanelClient(_service.Url, "revoked-key");
        await using var watcher = new FeedWatcher(new StatusFeed(client, QuickRetry));

        var lost = await watcher.NextAsync<FeedUpdate.Connection>(update => update.State.Kind == FeedConnectionKind.Lost);

        Assert.Equal("Unknown API key: Send a configured key in X-Api-Key.", lost.State.Why);
    }
}
