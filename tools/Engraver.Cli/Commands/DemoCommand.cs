using System.CommandLine;
using System.Globalization;
using Engraver.Service.Hosting;
using Engraver.Service.Jobs;
using Engraver.Service.Station;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>`engraver demo`: one batch on the embedded default station (the twin on a pseudo-terminal,
/// simulated camera, SQLite records in a fresh data folder).</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var pins = new Option<int>("--pins") { Description = "How many serials to engrave.", DefaultValueFactory = _ => 24 };
        pins.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 500)
            {
                r.AddError("--pins must be from 1 to 500.");
            }
        });
        var data = new Option<string?>("--data") { Description = "Data folder for records and evidence (default: a new folder under ./data)." };
        var command = new Command("demo", "Engrave a batch on the simulated station and record every pin.") { pins, data };
        command.SetAction((result, token) => RunAsync(result.GetValue(pins), result.GetValue(data), token));
        return command;
    }

    private static async Task<int> RunAsync(int pins, string? dataFolder, CancellationToken cancellationToken)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.GetFullPath(dataFolder ?? Path.Combine("data", "demo-" + stamp));
        var overrides = new Dictionary<string, string?>
        {
            ["Station:DataFolder"] = folder,
            ["Fixture:Rows"] = ((pins + 11) / 6).ToString(CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The demo's own API on a free port: a running service (or a second demo) keeps its port.
            ["Api:Urls"] = "http://127.0.0.1:0",
        };
        AnsiConsole.MarkupLineInterpolated($"Data folder: [bold]{folder}[/]");

        using var host = EngraverHost.CreateBuilder([], overrides).Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var job = DemoJob(stamp, pins);
            var result = await RunWithProgressAsync(host.Services.GetRequiredService<JobQueue>(), job, cancellationToken).ConfigureAwait(false);
            var recordsPath = host.Services.GetRequiredService<StationRigFactory>().RecordsPath;
            if (result.StoppedBecause is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]The batch stopped: {result.StoppedBecause}[/]");
            }

            foreach (var rejected in result.Pins.Where(p => p.Outcome != Traceability.Records.PinOutcome.Verified))
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{rejected.Serial} (slot {rejected.Slot}): {rejected.Outcome}: {rejected.Reason}[/]");
            }

            Console.WriteLine($"demo: {result.Verified}/{job.Serials.Count} verified, records in {recordsPath}");
            return result.Verified == job.Serials.Count ? 0 : 1;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"demo: failed: {failure.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static BatchJob DemoJob(string stamp, int pins) =>
        new("demo-" + stamp, "ENGR", "MS1", "LOT-DEMO", Enumerable.Range(1, pins).Select(i => string.Create(CultureInfo.InvariantCulture, $"DEMO{i:D4}")).ToArray());

    private static Task<BatchResult> RunWithProgressAsync(JobQueue queue, BatchJob job, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask($"Engraving {job.Serials.Count} pins", maxValue: job.Serials.Count);
                var progress = new Progress<BatchProgress>(p =>
                {
                    bar.Value = p.SerialsFinished;
                    bar.Description = $"{p.LastPin?.Serial} {p.LastPin?.Outcome}";
                });
                var result = await queue.SubmitAsync(job, progress, cancellationToken).ConfigureAwait(false);
                bar.Value = bar.MaxValue;
                return result;
            });
}
