using Engraver.Integration.Tests.Support;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver statechart --out FILE.dot`, as the docs are regenerated.</summary>
public class StatechartCommandTests
{
    [Fact]
    public async Task Statechart_writes_the_graph_that_is_in_the_docs()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "station.dot");

        var (exitCode, output) = await EngraverProcess.RunAsync("statechart", "--out", path);

        Assert.True(exitCode == 0, output);
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "statechart.dot")).ReplaceLineEndings(),
            File.ReadAllText(path).ReplaceLineEndings());
    }

    [Fact]
    public async Task Statechart_into_a_missing_folder_could_not_run_naming_it()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "no-such-folder", "station.dot");

        var (exitCode, output) = await EngraverProcess.RunAsync("statechart", "--out", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("no-such-folder", output, StringComparison.Ordinal);
    }
}
