using System.Diagnostics;

namespace Engraver.Integration.Tests.Support;

/// <summary>What a run of the command line printed, its standard output and error apart.</summary>
internal sealed record EngraverRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}

/// <summary>Runs the engraver command line in its own process, as a user would, its standard output a pipe.</summary>
internal static class EngraverProcess
{
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="RunAsync(string[])"/>, with <paramref name="environment"/> added to the process's
    /// (ENGRAVER_ settings, as an installation gives them).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var run = await RunPipedAsync(environment, "", arguments);
        return (run.ExitCode, run.Output);
    }

    /// <summary>As <see cref="RunPipedAsync(IReadOnlyDictionary{string, string}, string, string[])"/> with nothing
    /// piped in and no settings added.</summary>
    public static Task<EngraverRun> RunPipedAsync(params string[] arguments) => RunPipedAsync(new Dictionary<string, string>(), "", arguments);

    /// <summary>Runs the command line with <paramref name="standardInput"/> piped in (then closed), keeping its
    /// standard output apart from its standard error.</summary>
    public static Task<EngraverRun> RunPipedAsync(IReadOnlyDictionary<string, string> environment, string standardInput, params string[] arguments) =>
        RunProgramAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "engraver.dll"), .. arguments], AppContext.BaseDirectory, environment, standardInput);

    /// <summary>Runs the command line in <paramref name="workingDirectory"/> with <paramref name="environment"/> added.</summary>
    public static Task<EngraverRun> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunProgramAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "engraver.dll"), .. arguments], workingDirectory, environment, "");

    /// <summary>Runs <paramref name="program"/> (an installed command line, a script) as the command line is run here.</summary>
    public static async Task<EngraverRun> RunProgramAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, string standardInput)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(standardInput);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
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
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A verb that did not end (one that should have refused to start) is not left running.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new EngraverRun(process.ExitCode, await stdout, await stderr);
    }
}
