using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Api;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The release bundle (tools/package, framework-dependent, from the Release build), made once for these
/// tests in a temporary folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackagedBundle : IDisposable
{
    private readonly TempFolder _folder = new();

    public PackagedBundle()
    {
        Folder = Path.Combine(_folder.Path, "bundle");
        var package = Run(Path.Combine(RepositoryFiles.Root, "tools", "package"), RepositoryFiles.Root, "--no-build", "--out", Folder);
        Assert.True(package.ExitCode == 0, "tools/package failed:\n" + package.Output);
        Files = InstallBundleTests.Snapshot(Folder);
    }

    public string Folder { get; }

    /// <summary>Every file and folder of the bundle as packaged (the install must not change it).</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    internal static (int ExitCode, string Output) Run(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(program + " did not end");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>deploy/install.sh installs the bundle under a scratch root (--prefix, --no-systemd: no user, no
/// systemctl), and the installed service and command line then run a job with the installed settings in the
/// installed data folder, writing nowhere else. Debian only, as the script is.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class InstallBundleTests(PackagedBundle bundle) : IClassFixture<PackagedBundle>
{
    [Fact]
    public async Task Installed_service_and_cli_run_a_job_in_the_installed_data_folder_and_write_nowhere_else()
    {
        using var scratch = new TempFolder();
        using var elsewhere = new TempFolder();
        var workingDirectory = Directory.CreateDirectory(Path.Combine(elsewhere.Path, "cwd")).FullName;
        var install = Install(scratch.Path);
        Assert.True(install.ExitCode == 0, install.Output);
        var dataFolder = Path.Combine(scratch.Path, "var", "lib", "engraver");
        var installed = Snapshot(scratch.Path, except: dataFolder);
        var settings = ReadEnvironmentFile(Path.Combine(scratch.Path, "etc", "engraver", "engraver.env"));
        Assert.Equal(dataFolder, settings["ENGRAVER_Station__DataFolder"]);
        Assert.Contains($"Documentation=file://{scratch.Path}/opt/engraver/README.md", await File.ReadAllTextAsync(Path.Combine(scratch.Path, "etc", "systemd", "system", "engraver.service")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(scratch.Path, "opt", "engraver", "README.md")));
        var keyFile = Path.Combine(scratch.Path, "etc", "engraver", "api-supervisor.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(scratch.Path, "etc", "engraver", "engraver.env")));
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        var cli = Path.Combine(scratch.Path, "usr", "local", "bin", "engraver");

        // The installed command line hashes the installed key into the hash the installed settings hold.
        var hashed = await EngraverProcess.RunProgramAsync(cli, ["api", "hash-key", "--key-file", keyFile], workingDirectory, new Dictionary<string, string>(), "");
        Assert.True(ApiKeyHash.TryParse(hashed.StandardOutput.Trim(), out var hash, out _), hashed.Output);
        Assert.True(hash!.Matches(key));
        Assert.True(ApiKeyHash.TryParse(settings["ENGRAVER_Api__Users__0__KeyHash"], out var installedHash, out _));
        Assert.True(installedHash!.Matches(key));

        var url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        var jobFile = Path.Combine(elsewhere.Path, "job.csv");
        await File.WriteAllTextAsync(jobFile, "make,model,pin_lot,recipe,serials\nACME,M1,LOT-1,default,A000001-A000003\n");
        using (var service = ServiceProcess.StartInstalled(Path.Combine(scratch.Path, "opt", "engraver", "engraver-service"), workingDirectory,
                   new Dictionary<string, string>(settings) { ["ENGRAVER_Api__Urls"] = url }))
        {
            using var api = new HttpClient { BaseAddress = new Uri(url) };
            api.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
            await HomeAndStartAsync(service, api);

            var submitted = await EngraverProcess.RunProgramAsync(cli, ["job", "submit", jobFile, "--id", "J1", "--user", "sue"], workingDirectory, new Dictionary<string, string>(), "");
            Assert.True(submitted.ExitCode == 0, submitted.Output);
            Assert.Contains(Path.Combine(dataFolder, "records.db"), submitted.StandardOutput, StringComparison.Ordinal);
            var finished = await WaitForJobAsync(service, cli, workingDirectory, "J1\tFinished\t3\t3\t");
            Assert.Contains("J1\tFinished\t3\t3\t", finished, StringComparison.Ordinal);
            Assert.Equal(0, await service.TerminateAsync(TimeSpan.FromMinutes(1)));
            Assert.Contains($"Data folder {dataFolder} (Station:DataFolder {dataFolder})", service.Output, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(dataFolder, "records.db")));
        Assert.True(File.Exists(Path.Combine(dataFolder, "keys", "records-signing.pub.pem")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataFolder, "logs"), "engraver-*.json"));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(dataFolder, "evidence"), "*.png", SearchOption.AllDirectories).Length);
        AssertSame(installed, Snapshot(scratch.Path, except: dataFolder), "outside the data folder");
        AssertSame(bundle.Files, Snapshot(bundle.Folder), "in the bundle");
        Assert.Empty(Directory.GetFileSystemEntries(workingDirectory));
    }

    [Fact]
    public void A_second_install_changes_nothing_and_keeps_the_settings_and_the_key()
    {
        using var scratch = new TempFolder();
        Assert.Equal(0, Install(scratch.Path).ExitCode);
        var first = Snapshot(scratch.Path);

        var again = Install(scratch.Path);

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("nothing to change", again.Output, StringComparison.Ordinal);
        AssertSame(first, Snapshot(scratch.Path), "after the second install");
    }

    [Fact]
    public void Installing_under_the_root_folder_without_root_names_the_sudo_command_and_writes_nothing()
    {
        var script = Path.Combine(bundle.Folder, "deploy", "install.sh");
        var run = Environment.UserName == "root"
            ? PackagedBundle.Run("setpriv", bundle.Folder, "--reuid=65534", "--regid=65534", "--clear-groups", script, "--no-systemd")
            : PackagedBundle.Run(script, bundle.Folder, "--no-systemd");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"run: sudo {script} --no-systemd", run.Output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) Install(string prefix) =>
        PackagedBundle.Run(Path.Combine(bundle.Folder, "deploy", "install.sh"), bundle.Folder, "--prefix", prefix, "--no-systemd");

    /// <summary>Each file and folder under <paramref name="root"/> (but <paramref name="except"/> and what it holds)
    /// with its kind, size, mode and time of last change: a file written again shows.</summary>
    internal static Dictionary<string, string> Snapshot(string root, string? except = null)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (except is not null && (entry.FullName == except || entry.FullName.StartsWith(except + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                continue;
            }

            var size = entry is FileInfo file ? file.Length : -1;
            entries[Path.GetRelativePath(root, entry.FullName)] = $"{size} {entry.UnixFileMode} {entry.LastWriteTimeUtc.Ticks}";
        }

        return entries;
    }

    private static void AssertSame(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, string where)
    {
        var differences = before.Keys.Union(after.Keys)
            .Where(path => !before.TryGetValue(path, out var b) || !after.TryGetValue(path, out var a) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} change(s) {where}: {string.Join(", ", differences.Take(20))}");
    }

    /// <summary>The KEY=VALUE lines of a systemd environment file, taken literally (no shell expansion: a key hash holds '$').</summary>
    private static Dictionary<string, string> ReadEnvironmentFile(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.StartsWith("ENGRAVER_", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            .ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    /// <summary>As the installed API user at the start of a shift: waits for the station to connect, homes it, starts it.</summary>
    private static async Task HomeAndStartAsync(ServiceProcess service, HttpClient api)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            Assert.False(service.HasExited, "The installed service stopped:\n" + service.Output);
            Assert.True(DateTime.UtcNow < deadline, "The installed service was not homed and started:\n" + service.Output);
            JsonElement? status = null;
            try
            {
                status = await api.GetFromJsonAsync<JsonElement>("/api/status");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (status is { } s && s.GetProperty("state").GetString() == "Idle" && s.GetProperty("controller").ValueKind == JsonValueKind.Object)
            {
                var homed = s.GetProperty("homed").GetBoolean();
                using var pressed = await api.PostAsync(homed ? "/api/station/start" : "/api/station/home", null);
                Assert.True(pressed.IsSuccessStatusCode, $"{(homed ? "Start" : "Home")}: {(int)pressed.StatusCode} {await pressed.Content.ReadAsStringAsync()}");
                if (homed)
                {
                    return;
                }
            }

            await Task.Delay(100);
        }
    }

    private static async Task<string> WaitForJobAsync(ServiceProcess service, string cli, string workingDirectory, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var listed = await EngraverProcess.RunProgramAsync(cli, ["job", "list", "--format", "tsv"], workingDirectory, new Dictionary<string, string>(), "");
            if (listed.StandardOutput.Contains(expected, StringComparison.Ordinal) || service.HasExited || DateTime.UtcNow > deadline)
            {
                return listed.Output + "\n" + service.Output;
            }

            await Task.Delay(250);
        }
    }
}
