using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engraver.Core.Firmware;
using Engraver.Core.GCode;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Simulator.Grbl;

namespace Engraver.Cli.Commands;

/// <summary>`engraver bench streaming --json`: streams a 2,000-line glyph job to the twin over an
/// emulated 115200-baud wire, with character counting and with send-and-wait, and compares both with
/// what the wire allows. Motion runs at time scale 0, so the link is what is measured.</summary>
internal static class BenchStreamingCommand
{
    private const int JobLines = 2000;

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var baud = new Option<int>("--baud") { Description = "Emulated baud rate.", DefaultValueFactory = _ => 115200 };
        var runs = new Option<int>("--runs") { Description = "Runs of each mode; the fastest counts, as the others measure other work on the machine.", DefaultValueFactory = _ => 3 };
        var command = new Command("streaming", "Measure G-code streaming over the emulated serial link of the twin.") { json, baud, runs };
        command.SetAction((result, token) => RunAsync(result.GetValue(json), result.GetValue(baud), Math.Max(1, result.GetValue(runs)), token));
        return command;
    }

    private static async Task<int> RunAsync(bool json, int baud, int runs, CancellationToken cancellationToken)
    {
        var profile = FirmwareProfileFiles.Load("grbl-1.1");
        var job = GlyphJob(profile);
        await using var simulator = GrblSimulator.Start(new SimulatorOptions { BaudRate = baud, TimeScale = 0 });
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = simulator.PortPath, BaudRate = baud });
        link.Open();
        await using var client = new GrblClient(link, profile);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await client.HomeAsync(cancellationToken).ConfigureAwait(false);

        GrblStreamResult? counting = null, sendWait = null;
        var countingRuns = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var c = await client.StreamAsync(job, StreamingMode.CharacterCounting, null, cancellationToken).ConfigureAwait(false);
            await client.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
            var w = await client.StreamAsync(job, StreamingMode.SendAndWait, null, cancellationToken).ConfigureAwait(false);
            await client.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
            countingRuns.Add(Math.Round(c.LinesPerSecond, 1));
            counting = counting is null || c.Elapsed < counting.Elapsed ? c : counting;
            sendWait = sendWait is null || w.Elapsed < sendWait.Elapsed ? w : sendWait;
        }

        // Host-to-controller bytes are what limits a stream; the short replies share no wire with them.
        var linkBound = counting!.Lines / (counting.Bytes / (baud / 10.0));
        var figures = new Dictionary<string, object>
        {
            ["baud"] = baud,
            ["lines"] = counting.Lines,
            ["wire_bytes"] = counting.Bytes,
            ["char_counting_lines_per_s"] = Math.Round(counting.LinesPerSecond, 1),
            ["send_wait_lines_per_s"] = Math.Round(sendWait!.LinesPerSecond, 1),
            ["link_bound_lines_per_s"] = Math.Round(linkBound, 1),
            ["efficiency"] = Math.Round(counting.LinesPerSecond / linkBound, 3),
            ["char_counting_vs_send_wait"] = Math.Round(counting.LinesPerSecond / sendWait.LinesPerSecond, 2),
            ["runs"] = runs,
            ["char_counting_lines_per_s_each_run"] = countingRuns,
            ["rx_overruns"] = simulator.RxOverruns,
        };
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(figures));
        }
        else
        {
            foreach (var (key, value) in figures)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}: {value}"));
            }
        }

        return 0;
    }

    /// <summary>Real marking G-code: serial numbers laid out and emitted as the station does, pins one
    /// after another until the job holds <see cref="JobLines"/> lines, ending with the laser off.</summary>
    private static List<string> GlyphJob(FirmwareProfile profile)
    {
        var generator = new ToolpathGenerator();
        var lines = new List<string>();
        for (var pin = 1; lines.Count < JobLines - 1; pin++)
        {
            var identity = new MicrostampIdentity("ACME", "M17", string.Create(CultureInfo.InvariantCulture, $"SN{pin:000000}"));
            var program = GCodeEmitter.Emit(generator.Generate(identity, PinProfile.Default), Recipe.Default, profile);
            lines.AddRange(program.Lines);
        }

        lines = lines.Take(JobLines - 1).ToList();
        lines.Add(profile.Laser.OffCommand);
        return lines;
    }
}
