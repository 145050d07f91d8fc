using System.Diagnostics;

namespace Engraver.Integration.Tests.Support;

/// <summary>Runs the engraver command line in its own process, as a user would.</summary>
internal static class EngraverProcess
{
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="RunAsync(string[])"/>, with <paramref name="environment"/> added to the process's
    /// (ENGRAVER_ settings, as an installation gives them).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engraver.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
