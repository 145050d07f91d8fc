using Engraver.Core.Identity;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging;

namespace Engraver.Service.Station;

/// <summary>Pins claimed from the persisted job queue for one station. Every claim, retry and end is a
/// durable write before the machine acts on it, so after a crash the queue shows which pin was in flight.</summary>
public sealed partial class StorePinSource(IJobStore jobs, string station, int slotCount, IdentityValidator validator, ILogger logger, MarkPlans? plans = null) : IPinSource
{
    private readonly Dictionary<(string JobId, string Serial), SerialClaim> _claims = [];

    /// <summary>What a person does about the last time no serial was given ("Replace the tray ..."); null after
    /// a claim, or when nothing is needed from anybody (the queue is empty).</summary>
    public string? NextAction { get; private set; }

    public async Task<PinTake> NextAsync(CancellationToken cancellationToken)
    {
        var result = await jobs.ClaimNextAsync(station, slotCount, cancellationToken).ConfigureAwait(false);
        NextAction = result.Reason switch
        {
            _ when result.Claim is not null => null,
            NoClaimReason.JobPaused => StationActions.ResumeJob(result.JobId!),
            NoClaimReason.TrayFull => StationActions.ReplaceTray,
            _ => null,
        };
        if (result.Claim is not { } claim)
        {
            return result.Reason switch
            {
                NoClaimReason.JobPaused => new PinTake(null, $"job {result.JobId} is paused"),
                NoClaimReason.TrayFull => new PinTake(null, "the tray is full"),
                _ => PinTake.Nothing,
            };
        }

        if (plans is not null && !plans.Knows(claim.Recipe))
        {
            // Known at submit; the recipes folder read at this start no longer has it. Nothing was engraved.
            LogUnknownRecipe(logger, claim.Recipe, claim.JobId);
            await jobs.ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);
            await jobs.ApplyAsync(claim.JobId, JobCommand.Pause, cancellationToken).ConfigureAwait(false);
            NextAction = $"Put the recipe file {claim.Recipe}.json back in the recipes folder and restart the service, or cancel job {claim.JobId} (F9 / POST /api/jobs/{claim.JobId}/cancel)";
            return new PinTake(null, $"job {claim.JobId} names recipe '{claim.Recipe}', which the station does not have; the job is paused");
        }

        if (validator.TryValidate(claim.Make, claim.Model, claim.Serial, out var identity, out var errors))
        {
            _claims[(claim.JobId, claim.Serial)] = claim;
            return new PinTake(ToWork(claim, identity!), null);
        }

        // Checked at submit; only a font or rule change since could bring this. Nothing was engraved.
        LogUndrawable(logger, claim.Serial, claim.JobId, string.Join("; ", errors.Select(e => e.Message)));
        await jobs.ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);
        await jobs.ApplyAsync(claim.JobId, JobCommand.Pause, cancellationToken).ConfigureAwait(false);
        NextAction = $"Cancel job {claim.JobId} (F9 / POST /api/jobs/{claim.JobId}/cancel) and submit its serials again in characters the font has";
        return new PinTake(null, $"serial {claim.Serial} of job {claim.JobId} cannot be drawn; the job is paused");
    }

    public async Task<PinWork?> RetryAsync(PinWork work, CancellationToken cancellationToken)
    {
        var retry = await jobs.ClaimRetryAsync(ClaimOf(work), slotCount, cancellationToken).ConfigureAwait(false);
        if (retry is null)
        {
            return null;
        }

        _claims[(retry.JobId, retry.Serial)] = retry;
        return ToWork(retry, work.Identity);
    }

    public Task ReleaseAsync(PinWork work, CancellationToken cancellationToken) =>
        jobs.ReleaseAsync(TakeClaim(work), cancellationToken);

    public Task RequeueAsync(PinWork work, CancellationToken cancellationToken) =>
        jobs.RequeueAsync(TakeClaim(work), cancellationToken);

    public Task FinishAsync(PinWork work, PinOutcome outcome, CancellationToken cancellationToken) =>
        jobs.FinishAsync(TakeClaim(work), SerialStates.For(outcome), cancellationToken);

    private static PinWork ToWork(SerialClaim claim, MicrostampIdentity identity) =>
        new(new JobRef(claim.JobId, claim.PinLot, claim.Recipe), identity, claim.Slot, claim.Attempt);

    private SerialClaim ClaimOf(PinWork work) =>
        _claims.TryGetValue((work.Job.JobId, work.Identity.Serial), out var claim)
            ? claim
            : throw new InvalidOperationException($"Serial {work.Identity.Serial} of job {work.Job.JobId} is not claimed by {station}.");

    private SerialClaim TakeClaim(PinWork work)
    {
        var claim = ClaimOf(work);
        _claims.Remove((work.Job.JobId, work.Identity.Serial));
        return claim;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} names recipe {Recipe}, which is not in the recipes folder read at start; the job is paused")]
    private static partial void LogUnknownRecipe(ILogger logger, string recipe, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Serial {Serial} of job {JobId} cannot be drawn: {Problems}; the job is paused")]
    private static partial void LogUndrawable(ILogger logger, string serial, string jobId, string problems);
}
