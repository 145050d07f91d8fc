using Engraver.Integration.Tests.Support;
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
}
