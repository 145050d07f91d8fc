using System.CommandLine;
using System.Globalization;
using Engraver.Service.Hosting;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>`engraver demo`: one job on the embedded default station (the twin on a pseudo-terminal,
/// simulated camera, SQLite records in a fresh data folder), submitted to the station's queue as any
/// job is, and watched until it ends. The station is homed and started by the demo user before the job goes in.</summary>
internal static class DemoCommand
{
    /// <summary>Slots beyond the serials, for rejected pins tried again.</summary>
    private const int SpareSlots = 6;

    private const int MaxPins = 200;

    public static Command Create()
    {
        var pins = new Option<int>("--pins") { Description = "How many serials to engrave.", DefaultValueFactory = _ => 24 };
        pins.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > MaxPins)
            {
                r.AddError($"--pins must be from 1 to {MaxPins} (a tray that fits the twin's 200 x 200 mm travel, with spare slots).");
            }
        });
        var data = new Option<string?>("--data") { Description = "Data folder for records and evidence (default: a new folder under ./data)." };
        var port = new Option<string?>("--port")
        {
            Description = "A real controller's serial port instead of the station twin, e.g. the pty tools/grbl-peer prints. The camera twin then photographs the firmware simulator's executed-motion log (--executed-log, or executed.log beside the port).",
        };
        var executedLog = new Option<string?>("--executed-log") { Description = "The executed-motion log of the GRBL firmware simulator behind --port." };
        var command = new Command("demo", "Engrave a batch on the simulated station and record every pin.") { pins, data, port, executedLog };
        command.SetAction((result, token) => RunAsync(result.GetValue(pins), result.GetValue(data), result.GetValue(port), result.GetValue(executedLog), token));
        return command;
    }

    /// <summary>tools/grbl-peer keeps the executed-motion log beside the pty it publishes.</summary>
    private static string? ExecutedLogBeside(string port) =>
        Path.GetDirectoryName(Path.GetFullPath(port)) is { } folder && File.Exists(Path.Combine(folder, "executed.log"))
            ? Path.Combine(folder, "executed.log")
            : null;

    private static async Task<int> RunAsync(int pins, string? dataFolder, string? port, string? executedLog, CancellationToken cancellationToken)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.GetFullPath(dataFolder ?? Path.Combine("data", "demo-" + stamp));
        var overrides = new Dictionary<string, string?>
        {
            ["Station:DataFolder"] = folder,
            ["Fixture:Rows"] = DemoTray.RowsFor(pins + SpareSlots).ToString(CultureInfo.InvariantCulture),
            ["Fixture:Columns"] = DemoTray.Columns.ToString(CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The demo's own API on a free port: a running service (or a second demo) keeps its port.
            ["Api:Urls"] = "http://127.0.0.1:0",
        };
        if (port is not null)
        {
            overrides["Controller:Port"] = port;
            overrides["Camera:ExecutedLogPath"] = executedLog ?? ExecutedLogBeside(port);
            AnsiConsole.MarkupLineInterpolated($"Controller: [bold]{port}[/]; camera twin of {overrides["Camera:ExecutedLogPath"] ?? "(no executed-motion log: give --executed-log)"}");
        }

        AnsiConsole.MarkupLineInterpolated($"Data folder: [bold]{folder}[/]");

        using var host = EngraverHost.CreateBuilder([], overrides).Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            // Nothing moves until someone homes and starts the station: the demo user does, as an operator would.
            await DemoOperator.HomeAndStartAsync(host.Services, DemoUser, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"Homed and started by [bold]{DemoUser}[/]");
            var rigs = host.Services.GetRequiredService<StationRigFactory>();
            await using var records = await rigs.OpenRecordsAsync(cancellationToken).ConfigureAwait(false);
            var recipe = host.Services.GetRequiredService<Engraver.Service.Recipes.StationRecipes>().Book.Find("default")?.Recipe.Name
                ?? host.Services.GetRequiredService<Engraver.Service.Recipes.StationRecipes>().Book.Entries[0].Recipe.Name;
            var job = await records.Jobs.SubmitAsync(DemoJob(stamp, pins, recipe), cancellationToken).ConfigureAwait(false);
            var watch = new JobWatch(records.Jobs, host.Services.GetRequiredService<QueueStatus>(), host.Services.GetRequiredService<IHostApplicationLifetime>());
            var (summary, stoppedBecause) = await WatchWithProgressAsync(watch, job, cancellationToken).ConfigureAwait(false);
            if (stoppedBecause is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]The batch stopped: {stoppedBecause}[/]");
            }

            await foreach (var pin in records.QueryAsync(new RecordQuery { JobId = job.JobId }, cancellationToken).ConfigureAwait(false))
            {
                if (pin.Record.Outcome != PinOutcome.Verified)
                {
                    AnsiConsole.MarkupLineInterpolated($"[yellow]{pin.Record.Serial} (slot {pin.Record.Slot}): {pin.Record.Outcome}: {pin.Record.Reason}[/]");
                }
            }

            Console.WriteLine($"demo: {summary.Verified}/{summary.Total} verified, records in {rigs.RecordsPath}");
            return summary.Verified == summary.Total ? 0 : 1;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"demo: failed: {failure.Message}").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static JobSubmission DemoJob(string stamp, int pins, string recipe) => new(
        "demo-" + stamp, "ENGR", "MS1", "LOT-DEMO", recipe,
        Enumerable.Range(1, pins).Select(i => string.Create(CultureInfo.InvariantCulture, $"DEMO{i:D4}")).ToArray(),
        "demo", DemoUser, DateTimeOffset.UtcNow);

    /// <summary>Who submits the demo job and presses Home and Start: the person running the demo.</summary>
    private static string DemoUser => string.IsNullOrWhiteSpace(Environment.UserName) ? "demo" : Environment.UserName;

    private static Task<(JobSummary Summary, string? StoppedBecause)> WatchWithProgressAsync(JobWatch watch, JobSummary job, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask($"Engraving {job.Total} pins", maxValue: job.Total);
                var result = await watch.UntilEndedAsync(job.JobId, s =>
                {
                    bar.Value = s.Finished;
                    bar.Description = $"{s.Verified} verified, {s.Pending + s.Engraving} to go";
                }, cancellationToken).ConfigureAwait(false);
                bar.Value = bar.MaxValue;
                return result;
            });
}
