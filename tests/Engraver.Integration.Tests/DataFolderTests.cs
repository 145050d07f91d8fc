using Engraver.Integration.Tests.Support;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The service and the command line find the same data folder from the same settings: Station:DataFolder,
/// relative to the working directory they are started in (never to the program's folder), else data/ there;
/// the service's log files go into it.</summary>
public class DataFolderTests
{
    [Fact]
    public async Task Service_and_cli_started_in_another_folder_share_a_relative_data_folder_and_the_logs_go_into_it()
    {
        using var folder = new TempFolder();
        var workingDirectory = Directory.CreateDirectory(Path.Combine(folder.Path, "station")).FullName;
        var dataFolder = Path.Combine(workingDirectory, "line-2");
        using (var service = ServiceProcess.StartUnstartedIn(workingDirectory, new Dictionary<string, string> { ["Station:DataFolder"] = "line-2" }))
        {
            // Connected: the record store is open (the controller is connected after it).
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!service.Output.Contains("Controller connected", StringComparison.Ordinal) && !service.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.True(service.Output.Contains("Controller connected", StringComparison.Ordinal), service.Output);
            Assert.Contains($"Data folder {dataFolder} (Station:DataFolder line-2)", service.Output, StringComparison.Ordinal);
            Assert.Equal(0, await service.TerminateAsync(TimeSpan.FromMinutes(1)));
        }

        var jobFile = Path.Combine(folder.Path, "job.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nACME,M1,LOT-1,default,A000001-A000002\n");
        var relative = new Dictionary<string, string> { ["ENGRAVER_Station__DataFolder"] = "line-2" };

        var submitted = await EngraverProcess.RunInAsync(workingDirectory, relative, "job", "submit", jobFile, "--id", "J1", "--user", "sue");
        var listed = await EngraverProcess.RunInAsync(workingDirectory, relative, "job", "list", "--format", "tsv");

        Assert.True(submitted.ExitCode == 0, submitted.Output);
        Assert.Contains(Path.Combine(dataFolder, "records.db"), submitted.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("J1\tQueued\t2", listed.StandardOutput, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataFolder, "logs"), "engraver-*.json"));
        Assert.Equal(["line-2"], Directory.GetFileSystemEntries(workingDirectory).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "line-2")), "nothing is written beside the program");
    }

    [Fact]
    public async Task Cli_with_no_data_folder_configured_looks_in_data_under_its_working_directory_and_says_so()
    {
        using var folder = new TempFolder();

        var run = await EngraverProcess.RunInAsync(folder.Path, new Dictionary<string, string>(), "job", "list");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"There is no record database at {Path.Combine(folder.Path, "data", "records.db")} (data folder {Path.Combine(folder.Path, "data")}, from the default data/ in the working directory", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
