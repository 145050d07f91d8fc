using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Postgres;
using Engraver.Traceability.Records;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Integration.Tests;

/// <summary>A factory line: three station services, each on its own twin, share one PostgreSQL record
/// store and work through one job together. Each signs what it appends with its own key; an auditor given the
/// stations' public keys and checkpoint files verifies the one store against all of them.</summary>
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

            var office = new Dictionary<string, string> { ["ENGRAVER_Station__DataFolder"] = Path.Combine(folder.Path, "office") };
            var (submitCode, submitted) = await EngraverProcess.RunAsync(office, "job", "submit", jobFile, "--id", "line", "--postgres", database.ConnectionString);
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

            string[] places = ["st-1", "st-2", "st-3", "office"];
            var anchors = places.SelectMany(p => new[] { "--public-key", Path.Combine(folder.Path, p, "keys", "records-signing.pub.pem") })
                .Concat(places.Take(3).SelectMany(p => new[] { "--checkpoints", Path.Combine(folder.Path, p, "checkpoints.log") }));
            var (verifyCode, verified) = await EngraverProcess.RunAsync(office, ["audit", "verify", "--postgres", database.ConnectionString, .. anchors]);
            Assert.True(verifyCode == 0, verified);
            Assert.Contains("records: signed: all 60 rows covered", verified, StringComparison.Ordinal);
            Assert.Contains("records: matches the latest checkpoint in the files", verified, StringComparison.Ordinal);
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
