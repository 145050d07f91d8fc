using System.Globalization;
using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests;

/// <summary>An unattended job survives crashes: the service process is killed (SIGKILL) at random points
/// of a 50-pin job and started again, and in the end each serial was engraved once.</summary>
public class CrashResumeTests(ITestOutputHelper output)
{
    private const int Pins = 50;
    private const int Crashes = 10;

    [Fact]
    public async Task Job_killed_ten_times_ends_with_each_serial_once_verified_or_needing_inspection_and_an_intact_chain()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var serials = Enumerable.Range(1, Pins).Select(i => string.Create(CultureInfo.InvariantCulture, $"K{i:D5}")).ToArray();
        var jobFile = Path.Combine(folder.Path, "crash.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-K,default,K00001-K00050\n");
        var (submitCode, submitted) = await EngraverProcess.RunAsync("job", "submit", jobFile, "--id", "crash", "--records", records);
        Assert.True(submitCode == 0, submitted);

        var settings = new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Station:QueuePollMs"] = "50",
            ["Fixture:Rows"] = "10",
            ["Fixture:Columns"] = "10",
        };
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"random seed {seed}");
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);
        var kills = 0;
        while (kills < Crashes)
        {
            using var service = ServiceProcess.Start(settings);
            var ended = (await store.Jobs.FindAsync("crash", CancellationToken.None))!.Finished;
            // Kill after 0-2 more serials have ended, then a random part of a pin: any step of a cycle.
            var waitFor = ended + random.Next(0, 3);
            while ((await store.Jobs.FindAsync("crash", CancellationToken.None))!.Finished < waitFor && !service.HasExited)
            {
                await Task.Delay(20);
            }

            await Task.Delay(random.Next(0, 600));
            Assert.False(service.HasExited, service.Output);
            var job = (await store.Jobs.FindAsync("crash", CancellationToken.None))!;
            Assert.True(job.State != JobState.Finished, $"the job finished after {kills} kills; seed {seed}");
            await service.KillAsync();
            kills++;
            output.WriteLine($"kill {kills}: {job.Finished}/{job.Total} ended, {job.NeedsInspection} for inspection");
        }

        using (var last = ServiceProcess.Start(settings))
        {
            await JobOutcome.WaitUntilFinishedAsync(store, "crash", TimeSpan.FromMinutes(3), () => last.Output);
        }

        var pins = await JobOutcome.AssertEachSerialOnceAsync(store, "crash", serials);
        output.WriteLine($"{pins.Count(p => p.Outcome == PinOutcome.Verified)} verified, {pins.Count(p => p.Outcome == PinOutcome.NeedsInspection)} for inspection");
        Assert.Contains(pins, p => p.Outcome == PinOutcome.Verified);
        var (verifyCode, verified) = await EngraverProcess.RunAsync("audit", "verify", "--records", records);
        Assert.True(verifyCode == 0, verified);
    }
}
