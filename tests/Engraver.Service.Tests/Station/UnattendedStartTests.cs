using System.Text;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using Engraver.Traceability.Jobs;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>Runs alone: the service's Serilog logger is the process's static one, so a service started meanwhile
/// by a test running in parallel would take the log this test reads.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

/// <summary>Station:UnattendedStart: the service homes and starts the station by itself at service start, says so in
/// a warning, and the records name the job's submitter.</summary>
[Collection(AloneCollection.Name)]
public class UnattendedStartTests
{
    [Fact]
    public async Task Unattended_start_homes_and_starts_at_service_start_logs_a_warning_and_names_each_jobs_submitter()
    {
        using var logs = new TempLogFolder();
        await using var service = await StartGateTests.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Station:UnattendedStart"] = "true",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(logs.Path, "engraver-.json"),
        });
        await ApiServiceFixture.WaitUntilAsync(() => service.Runtime.Loop!.Snapshot.Started, "the service to home and start by itself", StartGateTests.Generous);

        var byAlice = await StartGateTests.SubmitAsync(service, ApiServiceFixture.OperatorKey, "U0001-U0002");
        var bySue = await StartGateTests.SubmitAsync(service, ApiServiceFixture.SupervisorKey, "W1001-W1002");
        await StartGateTests.WaitForJobAsync(service, byAlice, JobState.Finished);
        await StartGateTests.WaitForJobAsync(service, bySue, JobState.Finished);

        var pins = (await service.Records.ListPinsAsync(CancellationToken.None)).Select(r => r.Record).ToList();
        Assert.Equal(["alice"], pins.Where(p => p.JobId == byAlice).Select(p => p.Operator).Distinct());
        Assert.Equal(["sue"], pins.Where(p => p.JobId == bySue).Select(p => p.Operator).Distinct());
        Assert.Equal(StationStarter.UnattendedStart, service.Runtime.Starter);
        Assert.DoesNotContain(await service.CommandsAsync(), c => c.Record.Command is "home" or "start");
        await ApiServiceFixture.WaitUntilAsync(() => logs.Text().Contains("UnattendedStart", StringComparison.Ordinal), "the warning in the log", StartGateTests.Generous);
        Assert.Contains("\"Warning\"", logs.Text(), StringComparison.Ordinal);
    }

    /// <summary>A log folder of the test's own, read as the service writes it.</summary>
    private sealed class TempLogFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engraver-logs-" + Guid.NewGuid().ToString("N"));

        public string Text()
        {
            if (!Directory.Exists(Path))
            {
                return "";
            }

            var text = new StringBuilder();
            foreach (var file in Directory.GetFiles(Path))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                text.Append(reader.ReadToEnd());
            }

            return text.ToString();
        }

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
