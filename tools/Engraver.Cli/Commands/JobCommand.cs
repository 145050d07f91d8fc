using System.CommandLine;
using System.Globalization;
using Engraver.Core.Input;
using Engraver.Service.Hosting;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Traceability.Jobs;
using Microsoft.Extensions.Configuration;
using Engraver.Traceability.Audit;
using Spectre.Console;
using QueueCommand = Engraver.Traceability.Jobs.JobCommand;

namespace Engraver.Cli.Commands;

/// <summary>`engraver job`: the persisted job queue the station service works through.</summary>
internal static class JobCommand
{
    public static Command Create() => new("job", "Submit job files to the station's queue, list the queue, pause, resume or cancel a job.")
    {
        Submit(),
        List(),
        Change("pause", "Stop taking new serials of a job (the pin in hand finishes); the queue waits behind it.", QueueCommand.Pause),
        Change("resume", "Let a paused job go on.", QueueCommand.Resume),
        Change("cancel", "End a job: its pending serials are not engraved (pins in hand finish).", QueueCommand.Cancel),
    };

    private static Command Submit()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Job file (.csv or .json)." };
        var id = new Option<string?>("--id") { Description = "Job id (default: the file name and the time)." }.Checked(TextField.Id("--id"));
        var user = new Option<string>("--user") { Description = "Who submits the job (recorded with it).", DefaultValueFactory = _ => Environment.UserName }
            .Checked(TextField.User("--user"));
        var source = new AuditStoreSource(createIfMissing: true, signs: true);
        var command = new Command("submit", "Check a job file and put it in the queue; every problem is listed with its file, line and field.") { file, id, user };
        source.AddTo(command);
        command.SetAction((result, token) => GuardAsync("submit", async () =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new FileNotFoundException($"There is no job file {path.FullName}.");
            }

            // The recipes the service loads from its recipes folder: a job naming another is refused at its line.
            if (RecipeCommand.StationRecipeNames() is not { } recipes)
            {
                return CliExitCodes.CouldNotRun;
            }

            var (store, location, _) = await source.OpenAsync(result, token).ConfigureAwait(false);
            await using var _store = store;
            // Measured and read up to the job file limit only: a device or a huge file is refused at once.
            var (bytes, tooLarge) = await JobFileBytes.ReadFileAsync(path.FullName, token).ConfigureAwait(false);
            var submitted = bytes is null
                ? JobSubmitResult.Refused(tooLarge!)
                : await JobSubmitter.For(store, recipes).SubmitAsync(path.FullName, bytes, result.GetValue(id), result.GetValue(user)!, token).ConfigureAwait(false);
            await CommandLog.AppendAsync(store, result.GetValue(user)!, "submit-job",
                [new("file", path.Name), new("jobId", submitted.Job?.JobId)],
                submitted.Job is null ? $"Refused: {submitted.Errors.Count} problem(s) in the job file" : null, token).ConfigureAwait(false);
            if (submitted.Job is not { } job)
            {
                foreach (var error in submitted.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
                }

                await Console.Error.WriteLineAsync($"job submit: refused, {submitted.Errors.Count} problem(s); nothing was queued.").ConfigureAwait(false);
                return 1;
            }

            Console.WriteLine($"job {job.JobId}: {job.Total} serials queued in {location}");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var source = new AuditStoreSource(createIfMissing: false);
        var format = Listing.FormatOption();
        var command = new Command("list", "List the jobs in the queue: serials counted by state, pins used and verified, records, and the serials that need a new pin.") { format };
        source.AddTo(command);
        command.SetAction((result, token) => GuardAsync("list", async () =>
        {
            var (store, _, _) = await source.OpenAsync(result, token).ConfigureAwait(false);
            await using var _store = store;
            // Serials and pins are counted apart: a serial may take several pins (rejected or scrapped attempts),
            // and a pin resolved at inspection has two records.
            var listing = new Listing([
                new("job", "job"), new("state", "state"), new("serials", "serials"), new("verified", "verified"), new("pending", "pending"),
                new("engraving", "engraving"), new("inspect", "inspect"), new("failed", "failed"), new("pins used", "pinsUsed"),
                new("pins verified", "pinsVerified"), new("records", "records"), new("submitted", "submitted"), new("by", "submittedBy"),
                new("need a new pin", "needNewPin"),
            ]);
            var needNewPin = new List<string>();
            foreach (var job in await store.Jobs.ListAsync(token).ConfigureAwait(false))
            {
                listing.Add(job.JobId, job.State.ToString(), $"{job.Total}", $"{job.Verified}", $"{job.Pending}", Engraving(job),
                    $"{job.NeedsInspection}", $"{job.Failed}", $"{job.PinsUsed}", $"{job.PinsVerified}", $"{job.Records}",
                    job.SubmittedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), job.SubmittedBy, string.Join(",", job.NeedNewPin));
                if (job.NeedNewPin.Count > 0)
                {
                    // Job text came from a job file or a person: escaped for the terminal as it is printed.
                    needNewPin.Add(TerminalText.Escape($"job {job.JobId}: {job.NeedNewPin.Count} serial(s) need a new pin: {string.Join(", ", job.NeedNewPin)}"));
                }
            }

            var chosen = result.GetValue(format);
            listing.Write(chosen, Console.Out);
            if (chosen == ListingFormat.Table)
            {
                foreach (var line in needNewPin)
                {
                    Console.WriteLine(line);
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>"2: station-1 x2" (how many, and which station holds how many), or "0".</summary>
    private static string Engraving(JobSummary job) =>
        job.EngravingBy.Count == 0
            ? $"{job.Engraving}"
            : $"{job.Engraving}: " + string.Join(", ", job.EngravingBy.Select(by => $"{by.Station} x{by.Serials}"));

    private static Command Change(string name, string description, QueueCommand change)
    {
        var id = new Argument<string>("JOB") { Description = "The job id (see `engraver job list`)." }.Checked(TextField.Id("JOB"));
        var user = new Option<string>("--user") { Description = "Who gives the command (recorded with it).", DefaultValueFactory = _ => Environment.UserName }
            .Checked(TextField.User("--user"));
        var source = new AuditStoreSource(createIfMissing: false, signs: true);
        var command = new Command(name, description) { id, user };
        source.AddTo(command);
        command.SetAction((result, token) => GuardAsync(name, async () =>
        {
            var (store, _, _) = await source.OpenAsync(result, token).ConfigureAwait(false);
            await using var _store = store;
            var jobId = result.GetValue(id)!;
            var verb = $"{name}-job";
            try
            {
                var job = await store.Jobs.ApplyAsync(jobId, change, token).ConfigureAwait(false);
                await CommandLog.AppendAsync(store, result.GetValue(user)!, verb, [new("jobId", jobId)], null, token).ConfigureAwait(false);
                Console.WriteLine($"job {job.JobId}: {job.State} ({job.Finished}/{job.Total} serials ended)");
                return 0;
            }
            catch (JobQueueException refused)
            {
                await CommandLog.AppendAsync(store, result.GetValue(user)!, verb, [new("jobId", jobId)], "Refused: " + refused.Message, token).ConfigureAwait(false);
                throw;
            }
        }));
        return command;
    }

    private static Task<int> GuardAsync(string verb, Func<Task<int>> run) => StoreVerbGuard.RunAsync($"job {verb}", run);
}
