using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>Keeps the controller's latest status report for the panel through <see cref="GrblStatusPoller"/>.
/// The poller ends on its first failed query (a reset in progress, a link hiccup); the monitor says so and
/// starts a new one a moment later, until it is disposed.</summary>
internal sealed class ControllerMonitor : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly GrblClient _client;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly Action<GrblStatusReport?> _report;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ControllerMonitor(GrblClient client, TimeSpan interval, TimeProvider clock, Action<GrblStatusReport?> report)
    {
        _client = client;
        _interval = interval;
        _clock = clock;
        _report = report;
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var poller = new GrblStatusPoller(_client, _interval, _clock);
            await using (poller.ConfigureAwait(false))
            {
                poller.StatusReceived += OnStatus;
                poller.Start();
                try
                {
                    await poller.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                finally
                {
                    poller.StatusReceived -= OnStatus;
                }
            }

            // The poller ended by itself: the controller did not answer a query.
            _report(null);
            try
            {
                await Task.Delay(RetryDelay, _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void OnStatus(object? sender, GrblStatusReport status) => _report(status);
}
