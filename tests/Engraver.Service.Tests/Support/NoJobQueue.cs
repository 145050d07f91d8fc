using Engraver.Traceability.Jobs;

namespace Engraver.Service.Tests.Support;

/// <summary>A record without a job queue: no serial is queued, so none is settled; anything else is not supported.</summary>
internal sealed class NoJobQueue : IJobStore
{
    public Task<InspectionSettlement?> SettleInspectionAsync(string jobId, string serial, bool verified, int maxAttemptsPerSerial, CancellationToken cancellationToken) =>
        Task.FromResult<InspectionSettlement?>(null);

    public Task<JobSummary> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken) => throw Unsupported();

    public Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<JobSummary?> FindAsync(string jobId, CancellationToken cancellationToken) => throw Unsupported();

    public Task<JobSummary?> FindActiveAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<JobSummary> ApplyAsync(string jobId, JobCommand command, CancellationToken cancellationToken) => throw Unsupported();

    public Task<ClaimResult> ClaimNextAsync(string station, int slotCount, CancellationToken cancellationToken) => throw Unsupported();

    public Task<SerialClaim?> ClaimRetryAsync(SerialClaim claim, int slotCount, CancellationToken cancellationToken) => throw Unsupported();

    public Task ReleaseAsync(SerialClaim claim, CancellationToken cancellationToken) => throw Unsupported();

    public Task RequeueAsync(SerialClaim claim, CancellationToken cancellationToken) => throw Unsupported();

    public Task FinishAsync(SerialClaim claim, SerialState state, CancellationToken cancellationToken) => throw Unsupported();

    public Task<IReadOnlyList<SerialClaim>> ListClaimsAsync(string station, CancellationToken cancellationToken) => throw Unsupported();

    public Task ResetTrayAsync(string station, CancellationToken cancellationToken) => throw Unsupported();

    private static NotSupportedException Unsupported() => new("This list of records has no job queue.");
}
