using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Records;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests;

/// <summary>A factory line: three station services, each on its own twin, share one PostgreSQL record
/// store and work through one job together.</summary>
public class SharedDatabaseStationsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_stations_on_one_database_engrave_each_serial_of_a_60_pin_job_once()
    {
        await using var database = await ScratchPostgres.CreateAsync();
        using var folder = new TempFolder();
        var jobFile = Path.Combine(folder.Path, "line.json");
        await File.WriteAllTextAsync(jobFile, """{"make":"ENGR","model":"MS1","pinLot":"LOT-L","recipe":"default","serials":["L00001-L00060"]}""");
        var stations = Enumerable.Range(1, 3).Select(i => ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Station:Id"] = $"st-{i}",
            ["Station:DataFolder"] = Path.Combine(folder.Path, $"st-{i}"),
            ["Station:QueuePollMs"] = "50",
            ["Records:PostgresConnectionString"] = database.ConnectionString,
            ["Fixture:Rows"] = "10",
            ["Fixture:Columns"] = "10",
        })).ToList();
        try
        {
            // All three stations homed and waiting on the queue, then the job: they start on it together.
            foreach (var station in stations)
            {
                await WaitForOutputAsync(station, "Waiting: the queue is empty");
            }

            var (submitCode, submitted) = await EngraverProcess.RunAsync("job", "submit", jobFile, "--id", "line", "--postgres", database.ConnectionString);
            Assert.True(submitCode == 0, submitted);
            await using var store = await PostgresRecordStore.OpenAsync(database.ConnectionString, CancellationToken.None);
            await JobOutcome.WaitUntilFinishedAsync(store, "line", TimeSpan.FromMinutes(4), () => string.Join("\n---\n", stations.Select(s => s.Output)));

            var serials = Enumerable.Range(1, 60).Select(i => $"L{i:D5}").ToArray();
            var pins = await JobOutcome.AssertEachSerialOnceAsync(store, "line", serials);
            Assert.All(pins, p => Assert.Equal(PinOutcome.Verified, p.Outcome));
            var perStation = pins.GroupBy(p => p.Station, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            output.WriteLine(string.Join(", ", perStation.Select(s => $"{s.Key}: {s.Value} pins")));
            Assert.True(perStation.Count == 3, "the stations did not share the job: " + string.Join(", ", perStation));
            Assert.True((await store.VerifyChainAsync(CancellationToken.None)).Intact);
        }
        finally
        {
            foreach (var station in stations)
            {
                station.Dispose();
            }
        }
    }

    private static async Task WaitForOutputAsync(ServiceProcess station, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!station.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(station.HasExited, "A station stopped:\n" + station.Output);
            Assert.True(DateTime.UtcNow < deadline, $"A station never said \"{text}\":\n{station.Output}");
            await Task.Delay(100);
        }
    }
}
