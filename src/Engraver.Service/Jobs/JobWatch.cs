using Engraver.Service.Station;
using Engraver.Traceability.Jobs;
using Microsoft.Extensions.Hosting;

namespace Engraver.Service.Jobs;

/// <summary>Follows a queued job on an in-process station until it ends, or until the station stops
/// taking its serials (an inspection to resolve, a full tray, a fault) and says why.</summary>
public sealed class JobWatch(IJobStore jobs, QueueStatus status, IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public async Task<(JobSummary Summary, string? StoppedBecause)> UntilEndedAsync(string jobId, Action<JobSummary> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        while (true)
        {
            var summary = await jobs.FindAsync(jobId, cancellationToken).ConfigureAwait(false)
                ?? throw new JobQueueException($"Job {jobId} is no longer in the queue.");
            progress(summary);
            if (summary.State is JobState.Finished or JobState.Cancelled)
            {
                return (summary, null);
            }

            if (StoppedBecause(summary) is { } because)
            {
                return (summary, because);
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private string? StoppedBecause(JobSummary summary)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return status.Current.WaitingBecause ?? "the station stopped";
        }

        var waiting = status.Current.WaitingBecause;
        if (summary.State == JobState.Paused || waiting is null or QueueStatus.Starting or QueueStatus.QueueEmpty)
        {
            return null;
        }

        // "the tray is full" alone does not say what to do about it.
        return status.Current.NextAction is { } next && !waiting.Contains(next, StringComparison.Ordinal) ? $"{waiting}: {next}" : waiting;
    }
}
