using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Service.Station;
using Engraver.Traceability.Records;

namespace Engraver.Service.Jobs;

/// <summary>Checks a whole job before anything moves: every serial drawable, none twice in the job,
/// fitting the pin, none already verified in the record. All problems are reported together.</summary>
public sealed class JobValidator(IdentityValidator validator, MarkPlan plan, IRecordStore records)
{
    public async Task<IReadOnlyList<MicrostampIdentity>> ValidateAsync(BatchJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var problems = new List<string>();
        var identities = new List<MicrostampIdentity>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < job.Serials.Count; i++)
        {
            var serial = job.Serials[i];
            var where = $"job {job.JobId}, serial #{i + 1}";
            if (!validator.TryValidate(job.Make, job.Model, serial, out var identity, out var errors))
            {
                problems.AddRange(errors.Select(e => $"{where}: {e.Message}"));
                continue;
            }

            if (!Fits(identity!, out var misfit))
            {
                problems.Add($"{where}: {misfit}");
                continue;
            }

            if (!seen.Add(serial))
            {
                problems.Add($"{where}: {serial} appears more than once in the job");
                continue;
            }

            var existing = await records.FindBySerialAsync(serial, cancellationToken).ConfigureAwait(false);
            if (existing.Any(r => r.Record.Outcome == PinOutcome.Verified))
            {
                problems.Add($"{where}: {serial} already has a verified pin in the record");
                continue;
            }

            identities.Add(identity!);
        }

        if (job.Serials.Count == 0)
        {
            problems.Add($"job {job.JobId}: no serials");
        }

        return problems.Count == 0 ? identities : throw new JobValidationException(problems);
    }

    private bool Fits(MicrostampIdentity identity, out string? misfit)
    {
        try
        {
            _ = plan.For(identity);
            misfit = null;
            return true;
        }
        catch (LayoutException refused)
        {
            misfit = refused.Message;
            return false;
        }
    }
}

public sealed class JobValidationException(IReadOnlyList<string> problems)
    : Exception("The job was refused before anything was engraved:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
