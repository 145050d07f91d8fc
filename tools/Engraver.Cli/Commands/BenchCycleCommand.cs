using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Core.Station;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Vision.Evidence;
using Engraver.Vision.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engraver.Cli.Commands;

/// <summary>`engraver bench cycle --json`: one full tray on the twin at a realistic time scale, through the
/// same station loop, pipelined batch runner and records as the service. Reports how much of the tray's
/// wall time the machine spent moving or dwelling; the rest is the computer's overhead.</summary>
internal static class BenchCycleCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var pins = new Option<int>("--pins") { Description = "Pins on the tray (rows of 14).", DefaultValueFactory = _ => 24 };
        var timeScale = new Option<double>("--time-scale") { Description = "Twin time scale: 1 = real time.", DefaultValueFactory = _ => 1.0 };
        var cycle = new Command("cycle", "Time a tray of pins on the twin: seconds per pin and the machine's busy fraction.") { json, pins, timeScale };
        cycle.SetAction((result, token) => RunAsync(result.GetValue(pins), result.GetValue(timeScale), result.GetValue(json), token));
        return cycle;
    }

    private static async Task<int> RunAsync(int pins, double timeScale, bool json, CancellationToken cancellationToken)
    {
        if (pins is < 1 or > 120 || timeScale is < 0 or > 1)
        {
            await Console.Error.WriteLineAsync("bench cycle: --pins must be 1-120 and --time-scale 0-1.").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }

        var folder = Path.Combine(Path.GetTempPath(), "engraver-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var figures = await MeasureAsync(pins, timeScale, folder, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(json
                ? JsonSerializer.Serialize(figures, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true })
                : string.Create(CultureInfo.InvariantCulture, $"{figures.Pins} pins ({figures.Verified} verified) in {figures.TraySeconds:0.00} s: {figures.SecondsPerPin:0.000} s per pin, machine busy {figures.MachineBusyFraction:P1}"));
            return figures.Verified == pins ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<CycleFigures> MeasureAsync(int pins, double timeScale, string folder, CancellationToken cancellationToken)
    {
        var station = new StationOptions { DataFolder = folder };
        var camera = new CameraOptions();
        var tray = new FixtureOptions { Rows = DemoTray.RowsFor(pins), Columns = DemoTray.Columns };
        var rigs = new StationRigFactory(Options.Create(station), Options.Create(new ControllerOptions { SimulatorTimeScale = timeScale }), Options.Create(camera), Options.Create(tray));
        using var io = new StationIoFactory(Options.Create(new StationIoOptions()), TimeProvider.System).Create();
        var loop = new StationLoop(new StationStateMachine(), io, NullLogger.Instance);
        using var loopStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loopTask = loop.RunAsync(loopStop.Token);
        try
        {
            await loop.FireAsync(StationTrigger.Connect, cancellationToken).ConfigureAwait(false);
            await using var rig = await rigs.CreateAsync(cancellationToken).ConfigureAwait(false);
            await loop.AttachControllerAsync(new GrblRealtimeCommands(rig.Controller), cancellationToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Connected, cancellationToken).ConfigureAwait(false);
            await StationHoming.UnlockAndHomeAsync(loop, rig.Controller, cancellationToken).ConfigureAwait(false);
            // Whoever runs the bench verb starts it; its records are bench records, under "bench".
            await loop.FireAsync(StationTrigger.Start, cancellationToken).ConfigureAwait(false);

            var plan = MarkPlans.Of(new MarkPlan(PinProfile.Default, Recipe.Default, rig.Firmware));
            var context = new StationContext(station.Id, "bench", new Point2(camera.OffsetXMm, camera.OffsetYMm), MarkVerifierOptions.Default, new EvidenceWriter(), SimulatedDevices: "controller, camera, io");
            var runner = new BatchRunner(rig, loop, tray.ToFixture(), plan, context, new IdentityValidator(), station.MaxAttemptsPerSerial, TimeProvider.System, NullLogger.Instance);
            var job = new BatchJob("bench", "ENGR", "MS1", "LOT-BENCH", Enumerable.Range(1, pins).Select(i => string.Create(CultureInfo.InvariantCulture, $"BNCH{i:D4}")).ToArray());

            var simulator = rig.Simulator!;
            var busyBefore = simulator.BusySeconds;
            var started = Stopwatch.GetTimestamp();
            var result = await runner.RunAsync(job, progress: null, cancellationToken).ConfigureAwait(false);
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var busy = simulator.BusySeconds - busyBefore;
            return new CycleFigures(pins, result.Verified, Math.Round(wall, 3), Math.Round(wall / pins, 4), Math.Round(busy / wall, 4), Math.Round(busy, 3), timeScale);
        }
        finally
        {
            await loopStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(loopTask).ConfigureAwait(false);
        }
    }

    private sealed record CycleFigures(int Pins, int Verified, double TraySeconds, double SecondsPerPin, double MachineBusyFraction, double MachineBusySeconds, double TimeScale);
}
