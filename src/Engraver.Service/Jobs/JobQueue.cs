using System.Threading.Channels;

namespace Engraver.Service.Jobs;

/// <summary>Jobs waiting for the station, in submission order. The station worker is the only reader.</summary>
public sealed class JobQueue
{
    private readonly Channel<QueuedJob> _channel = Channel.CreateUnbounded<QueuedJob>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a job; the task completes when the station has finished with it.</summary>
    public Task<BatchResult> SubmitAsync(BatchJob job, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var queued = new QueuedJob(job, progress, new TaskCompletionSource<BatchResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(queued))
        {
            var reason = _channel.Reader.Completion.Exception?.InnerException;
            throw new InvalidOperationException("The station does not accept jobs: " + (reason?.Message ?? "it is shutting down."), reason);
        }

        return queued.Completion.Task.WaitAsync(cancellationToken);
    }

    internal IAsyncEnumerable<QueuedJob> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The station cannot take jobs any more: every waiting job fails with the reason, and so does every later submit.</summary>
    internal void Fail(Exception reason)
    {
        _channel.Writer.TryComplete(reason);
        while (_channel.Reader.TryRead(out var queued))
        {
            queued.Completion.TrySetException(reason);
        }
    }
}

internal sealed record QueuedJob(BatchJob Job, IProgress<BatchProgress>? Progress, TaskCompletionSource<BatchResult> Completion);
