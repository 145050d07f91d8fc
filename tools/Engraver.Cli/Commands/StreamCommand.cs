using System.CommandLine;
using System.Globalization;
using System.Text;
using Engraver.Core.Firmware;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Spectre.Console;

namespace Engraver.Cli.Commands;

/// <summary>`engraver stream --port PATH [--profile grbl-1.1] FILE.gcode`: streams a G-code file to a
/// GRBL controller (real or the twin) and prints lines, bytes, seconds and errors. A file with a line the
/// controller would refuse is refused before the port is opened; a controller in Alarm is reported with how
/// to clear it, before a line is sent and after a stop that leaves it there.</summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial device, e.g. /dev/ttyUSB0 or the twin's /dev/pts/N.", Required = true };
        var profile = new Option<string>("--profile") { Description = "Firmware profile name or file.", DefaultValueFactory = _ => "grbl-1.1" };
        var baud = new Option<int>("--baud") { Description = "Serial speed.", DefaultValueFactory = _ => 115200 };
        var home = new Option<bool>("--home") { Description = "Run the homing cycle ($H) before streaming (also clears an alarm)." };
        var unlock = new Option<bool>("--unlock") { Description = "Clear an alarm with $X before streaming, without homing (the position is not trusted)." };
        var sendWait = new Option<bool>("--send-wait") { Description = "One line at a time instead of character counting." };
        var file = new Argument<FileInfo>("FILE") { Description = "The G-code file." };
        var command = new Command("stream", "Stream a G-code file to a GRBL controller on a serial port.") { port, profile, baud, home, unlock, sendWait, file };
        command.SetAction((result, token) => RunAsync(
            new StreamRequest(result.GetRequiredValue(port), result.GetRequiredValue(profile), result.GetValue(baud), result.GetValue(home), result.GetValue(unlock), result.GetValue(sendWait), result.GetRequiredValue(file)),
            token));
        return command;
    }

    /// <summary>Comments and blank lines are removed before sending: GRBL ignores them, and they would
    /// only take room in its 128-byte receive buffer. Each line keeps its line number in the file.</summary>
    internal static List<ProgramLine> ReadProgram(FileInfo file) =>
        File.ReadLines(file.FullName)
            .Select((line, index) => new ProgramLine(index + 1, StripComments(line).Trim()))
            .Where(line => line.Text.Length > 0)
            .ToList();

    /// <summary>The first line the controller would refuse (its line buffer, or in character counting its
    /// receive buffer), as "line N: why", or null.</summary>
    internal static string? FirstRefusedLine(IReadOnlyList<ProgramLine> program, FirmwareProfile profile, StreamingMode mode)
    {
        var limit = profile.MaxLineLength;
        foreach (var line in program)
        {
            var characters = limit.Count(line.Text);
            if (characters > limit.MaxCharacters)
            {
                return $"line {line.Number} has {characters} characters; the {profile.Name} line buffer takes at most {limit.MaxCharacters} (whitespace not counted), and the controller would answer error:11";
            }

            var bytes = Encoding.ASCII.GetByteCount(line.Text + profile.LineEnding);
            if (mode == StreamingMode.CharacterCounting && bytes > profile.RxBufferBytes - 1)
            {
                return $"line {line.Number} is {bytes} bytes with its line ending; the {profile.Name} receive buffer takes at most {profile.RxBufferBytes - 1}";
            }
        }

        return null;
    }

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

        var program = ReadProgram(request.File);
        var mode = request.SendWait ? StreamingMode.SendAndWait : profile.Streaming;
        if (FirstRefusedLine(program, profile, mode) is { } refused)
        {
            await Console.Error.WriteLineAsync($"stream: {request.File.Name}: {refused}. Nothing was sent; split the line.").ConfigureAwait(false);
            return 2;
        }

        var lines = program.Select(l => l.Text).ToList();
        await using var link = new SerialPortLink(new SerialLinkOptions { PortName = request.Port, BaudRate = request.Baud });
        GrblClient? client = null;
        var alarms = new List<int>();
        try
        {
            link.Open();
        }
        catch (SerialLinkException cannotOpen)
        {
            // Nothing was sent: the stream could not start, which is not the controller refusing it.
            await Console.Error.WriteLineAsync($"stream: {cannotOpen.Message}").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }

        try
        {
            client = new GrblClient(link, profile);
            var noise = 0;
            client.NoiseReceived += (_, _) => Interlocked.Increment(ref noise);
            client.AlarmRaised += (_, alarm) =>
            {
                lock (alarms)
                {
                    alarms.Add(alarm.Code);
                }
            };
            var connection = await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{request.Port}: {connection.Banner} (build {connection.BuildVersion ?? "?"}, machine id {connection.MachineId ?? "none"}, RX buffer {connection.RxBufferBytes} bytes, {client.PlannerBlocks} planner blocks), {lines.Count} lines to send");
            if (request.Home)
            {
                await client.HomeAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (request.Unlock)
            {
                await client.UnlockAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (connection.State == GrblMachineState.Alarm)
            {
                await Console.Error.WriteLineAsync($"stream: the controller on {request.Port} is in Alarm (locked: it does so at power-up with homing enabled, and after a reset in motion); G-code would be refused with error:9, so nothing was sent. {HowToClear}").ConfigureAwait(false);
                return 1;
            }

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
        catch (Exception e) when (e is GrblException or SerialLinkException or LineTooLongException)
        {
            await Console.Error.WriteLineAsync($"stream: errors: 1: {e.Message}").ConfigureAwait(false);
            if (client is not null && await AlarmAfterStopAsync(client, alarms).ConfigureAwait(false) is { } alarm)
            {
                await Console.Error.WriteLineAsync(alarm).ConfigureAwait(false);
            }

            return 1;
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private const string HowToClear = "Clear it with $X (--unlock; the position is then not trusted) or home with $H (--home).";

    /// <summary>After a stop the client resets the controller, and GRBL then locks itself (ALARM:3 after a
    /// reset in motion): says so with the profile's text, so the next stream does not fail at line 1.</summary>
    private static async Task<string?> AlarmAfterStopAsync(GrblClient client, List<int> alarms)
    {
        GrblMachineState? state;
        try
        {
            state = (await client.QueryStatusAsync(CancellationToken.None).ConfigureAwait(false)).State;
        }
        catch (GrblException)
        {
            state = null;
        }

        int[] raised;
        lock (alarms)
        {
            raised = [.. alarms];
        }

        if (state != GrblMachineState.Alarm && raised.Length == 0)
        {
            return null;
        }

        var what = raised.Length == 0
            ? "in Alarm"
            : string.Join("; ", raised.Distinct().Select(code => $"ALARM:{code}: {client.Profile.DescribeAlarm(code)}"));
        return $"stream: the controller is left {(raised.Length == 0 ? what : "in Alarm (" + what + ")")}. {HowToClear}";
    }

    internal sealed record ProgramLine(int Number, string Text);

    private sealed record StreamRequest(string Port, string Profile, int Baud, bool Home, bool Unlock, bool SendWait, FileInfo File);
}
