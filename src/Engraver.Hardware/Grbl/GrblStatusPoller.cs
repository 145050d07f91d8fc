namespace Engraver.Hardware.Grbl;

/// <summary>Asks the controller for its status at a fixed rate and keeps the latest report, so a panel
/// or the station reads the machine state without sending '?' itself. A failed query ends the polling
/// and is kept in <see cref="Fault"/>; it is never swallowed.</summary>
public sealed class GrblStatusPoller : IAsyncDisposable
{
    private readonly GrblClient _client;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private volatile GrblStatusReport? _latest;
    private volatile Exception? _fault;
    private int _disposed;

    public GrblStatusPoller(GrblClient client, TimeSpan interval, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _client = client;
        _interval = interval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised on the polling thread for each report.</summary>
    public event EventHandler<GrblStatusReport>? StatusReceived;

    public GrblStatusReport? Latest => _latest;

    public Exception? Fault => _fault;

    /// <summary>Completes when polling ends: disposed, or a fault (see <see cref="Fault"/>).</summary>
    public Task Completion => _loop;

    public void Start() => _loop = Task.Run(() => PollAsync(_stop.Token), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                var status = await _client.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
                _latest = status;
                StatusReceived?.Invoke(this, status);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: polling ends.
        }
        catch (GrblException e)
        {
            _fault = e;
        }
    }
}
