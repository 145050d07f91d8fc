using Engraver.Traceability.Jobs;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>Reads a job's counts from the queue again after each settled serial, off the thread that settles
/// pins (the machine does not wait for it). Reads run one after another, so an older count never replaces a
/// newer one; a failed read is logged and the next settled serial tries again.</summary>
public sealed partial class JobRecount(IJobStore jobs, StationRuntime runtime, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _stop = new();

    public void Request(string? jobId)
    {
        if (jobId is null || _stop.IsCancellationRequested)
        {
            return;
        }

        _ = RecountAsync(jobId, _stop.Token);
    }

    private async Task RecountAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var summary = await jobs.FindAsync(jobId, cancellationToken).ConfigureAwait(false);
                if (summary is not null && Follows(runtime.View().Job, jobId))
                {
                    runtime.ShowJob(summary);
                }
            }
            finally
            {
                _oneAtATime.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception failed)
        {
            LogRecountFailed(logger, failed, jobId);
        }
    }

    /// <summary>Whether a serial of <paramref name="jobId"/> settling should bring its job on screen: the job shown
    /// is that one, or none is shown (a job submitted just after the queue was last looked at), or the one shown
    /// has ended.</summary>
    private static bool Follows(JobStatus? shown, string jobId) =>
        shown is null || shown.JobId == jobId || shown.State is nameof(JobState.Finished) or nameof(JobState.Cancelled);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting job {JobId} again failed; the next settled serial tries again")]
    private static partial void LogRecountFailed(ILogger logger, Exception fault, string jobId);
}
