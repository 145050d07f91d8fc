using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests;

/// <summary>A service stopped the way a service manager stops it (SIGTERM) finishes the pin in hand and
/// records it, so a routine restart during a job leaves nothing to inspect.</summary>
public class GracefulStopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_mid_job_finishes_the_pin_in_hand_and_the_restarted_service_completes_the_job()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var jobFile = Path.Combine(folder.Path, "stop.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-S,default,S00001-S00020\n");
        var (submitCode, submitted) = await EngraverProcess.RunAsync("job", "submit", jobFile, "--id", "stop", "--records", records);
        Assert.True(submitCode == 0, submitted);
        var settings = new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Station:QueuePollMs"] = "50",
            ["Controller:SimulatorTimeScale"] = "0.2",
            ["Fixture:Rows"] = "10",
            ["Fixture:Columns"] = "10",
        };
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);

        int exitCode;
        string log;
        using (var service = ServiceProcess.Start(settings))
        {
            while ((await store.Jobs.FindAsync("stop", CancellationToken.None))!.Finished < 2)
            {
                Assert.False(service.HasExited, service.Output);
                await Task.Delay(50);
            }

            exitCode = await service.TerminateAsync(TimeSpan.FromMinutes(1));
            log = service.Output;
        }

        var stopped = (await store.Jobs.FindAsync("stop", CancellationToken.None))!;
        output.WriteLine($"stopped with {stopped.Finished}/{stopped.Total} ended");
        Assert.True(exitCode == 0, log);
        Assert.Equal(0, stopped.Engraving);
        Assert.True(stopped.Finished < stopped.Total, "the job ended before the stop; nothing was tested");
        Assert.DoesNotContain(await store.ListPinsAsync(CancellationToken.None), p => p.Record.Outcome == PinOutcome.NeedsInspection);

        using (var again = ServiceProcess.Start(settings))
        {
            await JobOutcome.WaitUntilFinishedAsync(store, "stop", TimeSpan.FromMinutes(3), () => again.Output);
        }

        var pins = await JobOutcome.AssertEachSerialOnceAsync(store, "stop", Enumerable.Range(1, 20).Select(i => $"S{i:D5}").ToArray());
        Assert.All(pins, p => Assert.Equal(PinOutcome.Verified, p.Outcome));
    }

    [Fact]
    public async Task Stopping_an_idle_service_with_a_panel_following_its_events_exits_at_once_and_ends_the_stream()
    {
        const string key = "stop-test-key-alice-0001";
        using var folder = new TempFolder();
        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = Path.Combine(folder.Path, "data"),
            ["Station:QueuePollMs"] = "50",
            ["Api:Urls"] = url,
            ["Api:Users:0:Id"] = "alice",
            ["Api:Users:0:Role"] = "Operator",
            ["Api:Users:0:KeyHash"] = ApiKeyHash.Create(key, iterations: 10_000).ToString(),
        });
        using var api = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        await service.WaitUntilIdleAsync(api);
        using var events = await api.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        using var stream = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Equal("event: status", await stream.ReadLineAsync());

        var clock = Stopwatch.StartNew();
        int exitCode;
        try
        {
            // A stop that hangs on the open stream would run into the host's shutdown timeout (grace + 10 s).
            exitCode = await service.TerminateAsync(TimeSpan.FromSeconds(15));
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("The service did not exit within 15 s of SIGTERM with an event stream open:\n" + service.Output);
        }

        output.WriteLine($"exited {exitCode} {clock.Elapsed.TotalSeconds:0.00} s after SIGTERM with an event stream open");
        Assert.True(exitCode == 0, service.Output);
        // The stream ended with the service: the client sees its end, not a connection left hanging.
        var rest = await stream.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotNull(rest);
    }

    [Fact]
    public async Task A_pin_cut_off_when_the_stop_grace_runs_out_is_logged_with_its_serial_and_slot()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var jobFile = Path.Combine(folder.Path, "cut.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-C,default,C00001-C00005\n");
        var (submitCode, submitted) = await EngraverProcess.RunAsync("job", "submit", jobFile, "--id", "cut", "--records", records);
        Assert.True(submitCode == 0, submitted);
        var settings = new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Station:QueuePollMs"] = "50",
            // No grace: the pin in hand is cut off at once.
            ["Station:StopGraceSeconds"] = "0",
            ["Controller:SimulatorTimeScale"] = "1",
        };
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);

        string log;
        using (var service = ServiceProcess.Start(settings))
        {
            while ((await store.Jobs.FindAsync("cut", CancellationToken.None))!.Engraving == 0)
            {
                Assert.False(service.HasExited, service.Output);
                await Task.Delay(20);
            }

            await service.TerminateAsync(TimeSpan.FromMinutes(1));
            log = service.Output;
        }

        var claim = Assert.Single(await store.Jobs.ListClaimsAsync("station-1", CancellationToken.None));
        Assert.Contains($"Pin {claim.Serial} in slot {claim.Slot} was cut off by the stop", log, StringComparison.Ordinal);
        Assert.Contains("it will be recorded NeedsInspection at the next start", log, StringComparison.Ordinal);
    }
}
