using System.Collections.Concurrent;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>Who submitted each job a pin was claimed for: the person a pin record names when nobody pressed
/// Start (Station:UnattendedStart). Learned from the queue before the pin is worked on.</summary>
public sealed class JobSubmitters(IJobStore jobs)
{
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public string? Of(string jobId) => _known.TryGetValue(jobId, out var submitter) ? submitter : null;

    public async Task LearnAsync(string jobId, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(jobId))
        {
            return;
        }

        if (await jobs.FindAsync(jobId, cancellationToken).ConfigureAwait(false) is { } job)
        {
            _known[jobId] = job.SubmittedBy;
        }
    }

    /// <summary>The pins of <paramref name="inner"/>, each with its job's submitter learned before it is handed out.</summary>
    public IPinSource Learning(IPinSource inner) => new LearningSource(inner, this);

    private sealed class LearningSource(IPinSource inner, JobSubmitters submitters) : IPinSource
    {
        public async Task<PinTake> NextAsync(CancellationToken cancellationToken)
        {
            var take = await inner.NextAsync(cancellationToken).ConfigureAwait(false);
            if (take.Work is { } work)
            {
                await submitters.LearnAsync(work.Job.JobId, cancellationToken).ConfigureAwait(false);
            }

            return take;
        }

        public Task<PinWork?> RetryAsync(PinWork work, CancellationToken cancellationToken) => inner.RetryAsync(work, cancellationToken);

        public Task ReleaseAsync(PinWork work, CancellationToken cancellationToken) => inner.ReleaseAsync(work, cancellationToken);

        public Task RequeueAsync(PinWork work, CancellationToken cancellationToken) => inner.RequeueAsync(work, cancellationToken);

        public Task FinishAsync(PinWork work, PinOutcome outcome, CancellationToken cancellationToken) => inner.FinishAsync(work, outcome, cancellationToken);
    }
}
