using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver api hash-key` never takes the key on the command line: it reads it from a file or standard
/// input, or makes a new one in a file only its owner can read.</summary>
public class ApiHashKeyCommandTests
{
    private const string Key = "a-long-random-key-for-alice-0001";

    private static readonly Dictionary<string, string> NoSettings = [];

    [Fact]
    public async Task A_key_on_the_command_line_is_refused_saying_how_to_give_it()
    {
        var run = await EngraverProcess.RunPipedAsync("api", "hash-key", Key);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not taken on the command line", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("--key-file", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("--new", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_piped_key_is_hashed(bool namedAsStandardInput)
    {
        string[] options = namedAsStandardInput ? ["--key-file", "-"] : [];

        var run = await EngraverProcess.RunPipedAsync(NoSettings, Key + "\n", ["api", "hash-key", .. options]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(ApiKeyHash.TryParse(run.StandardOutput.Trim(), out var hash, out _), run.StandardOutput);
        Assert.True(hash!.Matches(Key));
    }

    [Fact]
    public async Task A_key_file_is_hashed()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "alice.key");
        await File.WriteAllTextAsync(file, Key + "\n");

        var run = await EngraverProcess.RunPipedAsync("api", "hash-key", "--key-file", file);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(ApiKeyHash.TryParse(run.StandardOutput.Trim(), out var hash, out _) && hash.Matches(Key), run.Output);
    }

    [Fact]
    public async Task A_short_piped_key_is_refused()
    {
        var run = await EngraverProcess.RunPipedAsync(NoSettings, "short\n", "api", "hash-key");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("at least 16", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_key_goes_to_an_owner_only_file_that_is_never_replaced_and_its_hash_is_printed()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "panel.key");

        var run = await EngraverProcess.RunPipedAsync("api", "hash-key", "--new", file);
        var again = await EngraverProcess.RunPipedAsync("api", "hash-key", "--new", file);

        Assert.True(run.ExitCode == 0, run.Output);
        var key = (await File.ReadAllTextAsync(file)).TrimEnd('\n');
        Assert.True(key.Length >= 32, key);
        Assert.True(ApiKeyHash.TryParse(run.StandardOutput.Trim(), out var hash, out _) && hash.Matches(key), run.Output);
        Assert.DoesNotContain(key, run.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(2, again.ExitCode);
        Assert.Equal(key, (await File.ReadAllTextAsync(file)).TrimEnd('\n'));
    }
}
