using System.CommandLine;
using System.Globalization;
using Engraver.Core.Firmware;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>`engraver stream --port PATH [--profile grbl-1.1] FILE.gcode`: streams a G-code file to a
/// GRBL controller (real or the twin) and prints lines, bytes, seconds and errors.</summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial device, e.g. /dev/ttyUSB0 or the twin's /dev/pts/N.", Required = true };
        var profile = new Option<string>("--profile") { Description = "Firmware profile name or file.", DefaultValueFactory = _ => "grbl-1.1" };
        var baud = new Option<int>("--baud") { Description = "Serial speed.", DefaultValueFactory = _ => 115200 };
        var home = new Option<bool>("--home") { Description = "Run the homing cycle ($H) before streaming." };
        var sendWait = new Option<bool>("--send-wait") { Description = "One line at a time instead of character counting." };
        var file = new Argument<FileInfo>("FILE") { Description = "The G-code file." };
        var command = new Command("stream", "Stream a G-code file to a GRBL controller on a serial port.") { port, profile, baud, home, sendWait, file };
        command.SetAction((result, token) => RunAsync(
            new StreamRequest(result.GetRequiredValue(port), result.GetRequiredValue(profile), result.GetValue(baud), result.GetValue(home), result.GetValue(sendWait), result.GetRequiredValue(file)),
            token));
        return command;
    }

    /// <summary>Comments and blank lines are removed before sending: GRBL ignores them, and they would
    /// only take room in its 128-byte receive buffer.</summary>
    internal static List<string> ReadProgram(FileInfo file) =>
        File.ReadLines(file.FullName)
            .Select(line => StripComments(line).Trim())
            .Where(line => line.Length > 0)
            .ToList();

    private static string StripComments(string line)
    {
        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
        var text = semicolon >= 0 ? line[..semicolon] : line;
        while (text.IndexOf('(', StringComparison.Ordinal) is var open and >= 0)
        {
            var close = text.IndexOf(')', open);
            text = close < 0 ? text[..open] : text[..open] + text[(close + 1)..];
        }

        return text;
    }

    private static async Task<int> RunAsync(StreamRequest request, CancellationToken cancellationToken)
    {
        if (!request.File.Exists)
        {
            await Console.Error.WriteLineAsync($"stream: no file {request.File.FullName}").ConfigureAwait(false);
            return 2;
        }

        FirmwareProfile profile;
        try
        {
            profile = FirmwareProfileFiles.Load(request.Profile);
        }
        catch (Exception e) when (e is FileNotFoundException or FirmwareProfileException)
        {
            await Console.Error.WriteLineAsync($"stream: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var lines = ReadProgram(request.File);
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = request.Port, BaudRate = request.Baud });
        try
        {
            link.Open();
            await using var client = new GrblClient(link, profile);
            var noise = 0;
            client.NoiseReceived += (_, _) => Interlocked.Increment(ref noise);
            var connection = await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{request.Port}: {connection.Banner} (build {connection.BuildVersion ?? "?"}, machine id {connection.MachineId ?? "none"}, RX buffer {connection.RxBufferBytes} bytes), {lines.Count} lines to send");
            if (request.Home)
            {
                await client.HomeAsync(cancellationToken).ConfigureAwait(false);
            }

            var mode = request.SendWait ? StreamingMode.SendAndWait : profile.Streaming;
            GrblStreamResult? result = null;
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask(request.File.Name, maxValue: Math.Max(1, lines.Count));
                var progress = new Progress<int>(acknowledged => task.Value = acknowledged);
                result = await client.StreamAsync(lines, mode, progress, cancellationToken).ConfigureAwait(false);
                await client.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lines: {result!.Lines}, bytes: {result.Bytes}, seconds: {result.Elapsed.TotalSeconds:0.000}, errors: 0, noise skipped: {noise}"));
            return 0;
        }
        catch (Exception e) when (e is GrblException or SerialLinkException)
        {
            await Console.Error.WriteLineAsync($"stream: errors: 1: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private sealed record StreamRequest(string Port, string Profile, int Baud, bool Home, bool SendWait, FileInfo File);
}
