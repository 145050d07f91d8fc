using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>Keeps the controller's latest status report for the panel through <see cref="GrblStatusPoller"/>,
/// and is how a lost link is noticed while nothing else talks to the controller. A query that fails because
/// the port closed or hung up, or that gets no answer within the response timeout, reports the link lost
/// (once) and ends the monitor. Silence is not a lost link while <c>silenceExpected</c> says the controller
/// keeps quiet on purpose (GRBL answers no status query during a homing cycle, nor after some alarms until
/// it is reset); the monitor then polls again a moment later.</summary>
internal sealed class ControllerMonitor : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly GrblClient _client;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly Action<GrblStatusReport?> _report;
    private readonly Action<GrblException> _linkLost;
    private readonly Func<bool> _silenceExpected;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ControllerMonitor(
        GrblClient client, TimeSpan interval, TimeProvider clock, Action<GrblStatusReport?> report, Action<GrblException> linkLost, Func<bool> silenceExpected)
    {
        _client = client;
        _interval = interval;
        _clock = clock;
        _report = report;
        _linkLost = linkLost;
        _silenceExpected = silenceExpected;
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
            if (IsLinkLost(poller.Fault))
            {
                _linkLost((GrblException)poller.Fault!);
                return;
            }

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

    private bool IsLinkLost(Exception? fault) => fault switch
    {
        GrblLinkLostException => true,
        GrblTimeoutException => !_silenceExpected(),
        _ => false,
    };

    private void OnStatus(object? sender, GrblStatusReport status) => _report(status);
}
