using System.Diagnostics;
using System.Text;

namespace Engraver.Integration.Tests.Support;

/// <summary>The GRBL twin (engraver-sim) in its own process, its pseudo-terminal published at a stable link
/// path: killing the process takes the device away as pulling a USB cable does, and starting it again on the
/// same path brings one back.</summary>
internal sealed class SimulatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private SimulatorProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"engraver-sim exited before reporting its pty: {Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the twin with its pty linked at <paramref name="linkPath"/>; returns once it says where it is.</summary>
    public static async Task<SimulatorProcess> StartAsync(string linkPath, TimeSpan limit)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engraver-sim.dll"));
        start.ArgumentList.Add("--link");
        start.ArgumentList.Add(linkPath);
        var simulator = new SimulatorProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        try
        {
            await simulator._ready.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            simulator.Dispose();
            throw new TimeoutException($"engraver-sim did not report its pty: {simulator.Output}");
        }

        return simulator;
    }

    /// <summary>SIGKILL: the pty closes with the process and nothing tidies the link up, as with a pulled cable.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("pty: ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
