using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests.Firmware;

/// <summary>The station service on the real GRBL 1.1h firmware (tools/grbl-peer), its camera twin
/// photographing the firmware's executed-motion log: the firmware process is stopped (SIGSTOP) while the
/// laser burns a pin's mark, for longer than the response timeout, and continued once the pin's record is
/// written. The record says NeedsInspection because of the timeout, and what the firmware executes after
/// the record burns nothing: the soft reset the client sent while it was frozen waits in its serial input and
/// is read, in the receive interrupt, before it takes more than a few steps.</summary>
[Collection(GrblFirmwareCollection.Name)]
public sealed class FirmwareFreezeTests(ITestOutputHelper output)
{
    private const string JobId = "freeze";
    private const string FirstSerial = "F00001";

    /// <summary>Steps per mm of the peer's X and Y ($100, $101: GRBL's defaults, which tools/lib/grbl-peer.settings keeps).</summary>
    private const double StepsPerMm = 250;

    /// <summary>Far longer than any step should take: the simulator is CPU-bound and slow under load.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_controller_frozen_mid_mark_past_the_response_timeout_burns_nothing_after_the_pin_is_recorded()
    {
        var started = Stopwatch.GetTimestamp();
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var jobFile = Path.Combine(folder.Path, "freeze.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-F,default,F00001-F00002\n");
        var (submitCode, submitted) = await EngraverProcess.RunAsync("job", "submit", jobFile, "--id", JobId, "--records", records);
        Assert.True(submitCode == 0, submitted);

        await using var peer = await GrblPeer.StartAsync();
        var log = new ExecutedLog(peer.ExecutedLogPath);
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        var settings = new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Station:QueuePollMs"] = "100",
            ["Controller:Port"] = peer.PortPath,
            // Long enough for the firmware simulator to list its settings at connect on a loaded machine.
            ["Controller:ResponseTimeoutMs"] = "8000",
            ["Camera:Kind"] = "Simulated",
            ["Camera:ExecutedLogPath"] = peer.ExecutedLogPath,
            ["Api:Urls"] = url,
        };
        using var service = new RestartingService(settings, output);
        using var health = new HttpClient { BaseAddress = new Uri(url) };
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);

        // Freeze while the laser burns: the firmware is stopped as soon as the log's newest sample has the
        // laser on, and kept stopped only if its last sample, read once it is stopped, still has it on (else
        // the stroke ended meanwhile; continued at once, long before the response timeout, and tried again).
        int frozenAt;
        while (true)
        {
            await WaitUntilAsync(() => log.Read() is { Count: > 0 } lines && lines[^1].Pwm > 0, "the laser to burn a mark", service);
            peer.Freeze();
            await WaitUntilAsync(() => IsStopped(peer.FirmwarePid), "the firmware process to stop", service);
            var lines = log.Read();
            if (lines[^1].Pwm > 0)
            {
                frozenAt = lines.Count;
                service.MayRestart = false;
                break;
            }

            peer.Thaw();
        }

        output.WriteLine($"frozen after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s at \"{log.Read()[frozenAt - 1]}\" (line {frozenAt})");
        var frozen = Stopwatch.GetTimestamp();
        PinRecord? record = null;
        await WaitUntilAsync(async () => (record = await RecordOfAsync(store, FirstSerial)) is not null, "the pin's record", service);
        var recordedAfter = Stopwatch.GetElapsedTime(frozen);

        // The firmware is still stopped: every line written from here on is written after the record.
        var linesAtRecord = log.Read().Count;
        peer.Thaw();

        // It runs again: it acts on what waited in its serial input (status queries, then the reset), writes a sample as its
        // laser output changes, and answers the service, which reconnects by itself.
        await WaitUntilAsync(() => log.Read().Count > linesAtRecord, "the firmware to write to its log again", service);
        await WaitUntilAsync(async () => await ControllerHealthAsync(health) == "Healthy", "the service to reach the controller again", service);

        var all = log.Read();
        output.WriteLine($"recorded {recordedAfter.TotalSeconds:0.0} s after the freeze ({record?.Outcome}: {record?.Reason}); {all.Count - linesAtRecord} lines after the record:");
        foreach (var line in all.Skip(frozenAt - 2).Take(12))
        {
            output.WriteLine($"  {line}");
        }

        Assert.Equal(frozenAt, linesAtRecord);
        Assert.NotNull(record);
        Assert.Equal(PinOutcome.NeedsInspection, record.Outcome);
        Assert.Contains("Timed out", record.Reason, StringComparison.Ordinal);

        // Continued, the firmware takes a few steps before its receive interrupt reaches the reset, which waits
        // behind the bytes sent while it was stopped (status queries): the burn under way at the freeze runs on
        // until the first sample with the laser off, and from that sample on the laser stays off.
        var resetAt = Enumerable.Range(linesAtRecord, all.Count - linesAtRecord).FirstOrDefault(i => all[i].Pwm == 0, -1);
        Assert.True(resetAt >= 0, "no sample with the laser off after the firmware ran again");
        // A controller that was not reset would take up its work where it stopped: the rest of the planner's
        // blocks and of the receive buffer, lines of the mark at S800 with the laser on, and its log would
        // show them after the record (a burn running on for millimetres, and strokes after it).
        Assert.All(all.Skip(resetAt), line => Assert.True(line.Pwm == 0, $"laser on after the reset: \"{line}\""));

        // The burn that was under way when the firmware stopped ends within a few steps of where it stopped.
        var straddling = 0.0;
        for (var i = frozenAt - 1; i < resetAt; i++)
        {
            straddling += all[i].DistanceMmTo(all[i + 1]);
        }

        var runOn = all[resetAt].Seconds - all[frozenAt - 1].Seconds;
        output.WriteLine($"run-on after the freeze: {resetAt - linesAtRecord} laser-on samples, {runOn * 1000:0.###} ms of machine time");
        Assert.True(runOn < 0.02, $"the laser stayed on for {runOn * 1000:0.###} ms of machine time after the last sample before the freeze");
        output.WriteLine($"laser-on path across the freeze: {straddling * 1000:0.###} um");
        Assert.True(straddling < 0.05, $"{straddling:0.####} mm burned across the freeze");
    }

    private static async Task<PinRecord?> RecordOfAsync(IRecordStore store, string serial) =>
        (await store.ListPinsAsync(CancellationToken.None)).Select(p => p.Record).FirstOrDefault(r => r.Serial == serial);

    private static async Task<string?> ControllerHealthAsync(HttpClient health)
    {
        try
        {
            using var response = await health.GetAsync("/health");
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            return report.GetProperty("checks").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "controller")
                .GetProperty("status").GetString();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Every thread of the process is stopped (state T in /proc).</summary>
    private static bool IsStopped(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task").All(task =>
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T');
        });

    private static Task WaitUntilAsync(Func<bool> condition, string what, RestartingService service) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, service);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, RestartingService service)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            await service.RestartIfItFailedToConnectAsync(what);
            Assert.True(Stopwatch.GetElapsedTime(started) < Generous, $"gave up waiting for {what}; service output:\n{service.Current.Output}");
            await Task.Delay(2);
        }
    }

    /// <summary>The service, started again when it stopped at start because the controller did not answer
    /// in time (exit code 3, which the unit restarts after), as a service manager would; any other end is a failure.</summary>
    private sealed class RestartingService(IReadOnlyDictionary<string, string> settings, ITestOutputHelper output) : IDisposable
    {
        private const int ControllerFault = 3;
        private const int MaxRestarts = 3;
        private int _restarts;

        public ServiceProcess Current { get; private set; } = ServiceProcess.Start(settings);

        /// <summary>Until the freeze: a start that failed to reach the controller is not what is tested here.</summary>
        public bool MayRestart { get; set; } = true;

        public async Task RestartIfItFailedToConnectAsync(string waitingFor)
        {
            if (!Current.HasExited)
            {
                return;
            }

            var exitCode = await Current.WaitForExitAsync(TimeSpan.FromMinutes(1));
            Assert.True(MayRestart && exitCode == ControllerFault && _restarts < MaxRestarts, $"the service ended with exit code {exitCode} while waiting for {waitingFor}:\n{Current.Output}");
            _restarts++;
            output.WriteLine($"the service stopped at start (exit code {exitCode}); started again:\n{Current.Output}");
            Current.Dispose();
            Current = ServiceProcess.Start(settings);
        }

        public void Dispose() => Current.Dispose();
    }

    /// <summary>One sample of the executed-motion log: machine seconds, position in steps, laser PWM.</summary>
    private sealed record Sample(string Text, double Seconds, double X, double Y, double Z, int Pwm)
    {
        public static Sample Parse(string text)
        {
            // "seconds x, y, z, pwm"
            var fields = text.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new Sample(text,
                double.Parse(fields[0], CultureInfo.InvariantCulture),
                double.Parse(fields[1], CultureInfo.InvariantCulture),
                double.Parse(fields[2], CultureInfo.InvariantCulture),
                double.Parse(fields[3], CultureInfo.InvariantCulture),
                int.Parse(fields[4], CultureInfo.InvariantCulture));
        }

        public double DistanceMmTo(Sample next) =>
            Math.Sqrt(Math.Pow(next.X - X, 2) + Math.Pow(next.Y - Y, 2)) / StepsPerMm;

        public override string ToString() => Text;
    }

    /// <summary>The log read as it grows: complete lines only (a line is written whole, line-buffered).</summary>
    private sealed class ExecutedLog(string path)
    {
        private readonly List<Sample> _samples = [];
        private readonly StringBuilder _partial = new();
        private long _offset;

        public IReadOnlyList<Sample> Read()
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                _offset += read;
                _partial.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var text = _partial.ToString();
            var end = text.LastIndexOf('\n');
            if (end >= 0)
            {
                foreach (var line in text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    _samples.Add(Sample.Parse(line));
                }

                _partial.Clear().Append(text[(end + 1)..]);
            }

            return _samples;
        }
    }
}
