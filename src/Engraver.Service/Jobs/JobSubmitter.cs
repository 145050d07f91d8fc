using System.Globalization;
using Engraver.Core.Input;
using System.Text.RegularExpressions;
using Engraver.Core.Identity;
using Engraver.Core.Jobs;
using Engraver.Core.Layout;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;

namespace Engraver.Service.Jobs;

/// <summary>Puts a job file in the persisted queue after every check that can be made before anything
/// moves: the file itself (fields, font, ranges, duplicates, recipe), each serial fitting the pin, and
/// none already verified in the record. Every problem is reported with its file, line and field.</summary>
public sealed partial class JobSubmitter(IRecordStore records, JobFileRules rules, PinProfile pin, TimeProvider clock)
{
    private readonly LayoutEngine _layout = new();

    /// <summary>A submitter for the station: the recipes of its recipes folder and the default pin. A job naming
    /// another recipe is refused at the line that names it, with the recipes there are.</summary>
    public static JobSubmitter For(IRecordStore records, IReadOnlySet<string> recipes) => new(
        records,
        new JobFileRules(new IdentityValidator(), recipes),
        PinProfile.Default,
        TimeProvider.System);

    /// <summary>Checks and queues the job in <paramref name="text"/> (read from <paramref name="fileName"/>).
    /// With no <paramref name="jobId"/> the id is the file's name and the submission time.</summary>
    public Task<JobSubmitResult> SubmitAsync(string fileName, string text, string? jobId, string submittedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SubmitAsync(fileName, () => JobFileParser.Parse(fileName, text, rules), jobId, submittedBy, cancellationToken);
    }

    /// <summary>As above for the file's bytes as read: refused when over the job file limit or not valid UTF-8.</summary>
    public Task<JobSubmitResult> SubmitAsync(string fileName, byte[] bytes, string? jobId, string submittedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return SubmitAsync(fileName, () => JobFileParser.Parse(fileName, bytes, rules), jobId, submittedBy, cancellationToken);
    }

    private async Task<JobSubmitResult> SubmitAsync(string fileName, Func<JobFileResult> parse, string? jobId, string submittedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (FreeText.Problem(submittedBy, TextField.User()) is { } badUser)
        {
            return JobSubmitResult.Refused(new JobFileError(fileName, 1, "user", badUser));
        }

        var now = clock.GetUtcNow();
        var id = jobId ?? DefaultId(fileName, now);
        if (!JobIdPattern().IsMatch(id))
        {
            return JobSubmitResult.Refused(new JobFileError(fileName, 1, "job id", $"'{FreeText.Quote(id)}' is not a job id: use 1-{InputLimits.MaxIdLength} letters, digits, '.', '_' or '-'"));
        }

        var parsed = parse();
        if (parsed.Job is not { } job)
        {
            return JobSubmitResult.Refused([.. parsed.Errors]);
        }

        var errors = new List<JobFileError>();
        CheckFit(fileName, job, errors);
        await CheckNotVerifiedAsync(fileName, job, errors, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return JobSubmitResult.Refused([.. errors]);
        }

        try
        {
            var summary = await records.Jobs.SubmitAsync(
                new JobSubmission(id, job.Make, job.Model, job.PinLot, job.RecipeName, job.Serials, Path.GetFileName(fileName), submittedBy, now),
                cancellationToken).ConfigureAwait(false);
            return JobSubmitResult.Queued(summary);
        }
        catch (JobQueueException refused)
        {
            return JobSubmitResult.Refused(new JobFileError(fileName, 1, "serials", refused.Message));
        }
    }

    private void CheckFit(string fileName, JobFile job, List<JobFileError> errors)
    {
        for (var i = 0; i < job.Serials.Count; i++)
        {
            try
            {
                _layout.Layout(new MicrostampIdentity(job.Make, job.Model, job.Serials[i]), pin);
            }
            catch (LayoutException misfit)
            {
                errors.Add(job.ErrorAt(fileName, i, $"{job.Serials[i]}: {misfit.Message}"));
            }
        }
    }

    private async Task CheckNotVerifiedAsync(string fileName, JobFile job, List<JobFileError> errors, CancellationToken cancellationToken)
    {
        for (var i = 0; i < job.Serials.Count; i++)
        {
            var existing = await records.FindBySerialAsync(job.Serials[i], cancellationToken).ConfigureAwait(false);
            if (existing.FirstOrDefault(r => r.Record.Outcome == PinOutcome.Verified) is { } verified)
            {
                errors.Add(job.ErrorAt(fileName, i,
                    $"serial {job.Serials[i]} already has a verified pin (record {verified.Sequence}, job {verified.Record.JobId})"));
            }
        }
    }

    private static string DefaultId(string fileName, DateTimeOffset now)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(fileName).Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').Take(40).ToArray());
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return stem.Length == 0 ? "job-" + stamp : $"{stem}-{stamp}";
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex JobIdPattern();
}

/// <summary>A job queued, or every reason it was not.</summary>
public sealed record JobSubmitResult(JobSummary? Job, IReadOnlyList<JobFileError> Errors)
{
    public static JobSubmitResult Queued(JobSummary job) => new(job, []);

    public static JobSubmitResult Refused(params JobFileError[] errors) => new(null, errors);
}
