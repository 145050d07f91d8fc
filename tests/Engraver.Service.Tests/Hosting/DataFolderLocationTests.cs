using Engraver.Service.Hosting;
using Xunit;

namespace Engraver.Service.Tests.Hosting;

public class DataFolderLocationTests
{
    private static readonly string WorkingDirectory = Path.Combine(Path.GetTempPath(), "station-cwd");

    [Fact]
    public void No_data_folder_configured_is_data_in_the_working_directory_whatever_the_program_folder()
    {
        Assert.Equal(Path.Combine(WorkingDirectory, "data"), DataFolderLocation.Resolve(null, WorkingDirectory));
        Assert.Equal(Path.Combine(WorkingDirectory, "data"), DataFolderLocation.Resolve("  ", WorkingDirectory));
        Assert.NotEqual(Path.Combine(AppContext.BaseDirectory, "data"), DataFolderLocation.Resolve(null, WorkingDirectory));
    }

    [Fact]
    public void A_relative_data_folder_is_under_the_working_directory()
    {
        Assert.Equal(Path.Combine(WorkingDirectory, "line-2", "records"), DataFolderLocation.Resolve(Path.Combine("line-2", "records"), WorkingDirectory));
        Assert.Equal(Path.Combine(Path.GetTempPath(), "other"), DataFolderLocation.Resolve(Path.Combine("..", "other"), WorkingDirectory));
    }

    [Fact]
    public void An_absolute_data_folder_is_taken_as_it_is()
    {
        var installed = Path.Combine(Path.GetTempPath(), "var-lib-engraver");

        Assert.Equal(installed, DataFolderLocation.Resolve(installed, WorkingDirectory));
    }

    [Fact]
    public void Logs_go_into_the_data_folder_and_the_origin_says_where_the_folder_came_from()
    {
        Assert.Equal(Path.Combine(WorkingDirectory, "data", "logs", "engraver-.json"), DataFolderLocation.LogFilePattern(Path.Combine(WorkingDirectory, "data")));
        Assert.Equal("Station:DataFolder /var/lib/engraver", DataFolderLocation.Origin("/var/lib/engraver"));
        Assert.Equal("the default data/ in the working directory", DataFolderLocation.Origin(null));
    }
}
