using System.Diagnostics;
using System.Globalization;

namespace Engraver.Integration.Tests.Support;

/// <summary>The real GRBL 1.1h firmware behind a pseudo-terminal, as <c>tools/grbl-peer</c> runs it. The
/// controller's settings live in <see cref="StateFolder"/>, so a peer stopped and started again on the same
/// folder is the same controller powering up again, on the same <see cref="PortPath"/>.</summary>
internal sealed class GrblPeer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly TempFolder? _ownedState;
    private Process? _process;

    private GrblPeer(string stateFolder, TempFolder? ownedState)
    {
        StateFolder = stateFolder;
        _ownedState = ownedState;
    }

    public string StateFolder { get; }

    /// <summary>The pty, published at the same path on every start.</summary>
    public string PortPath { get; private set; } = "";

    /// <summary>The firmware process (stopped and continued to freeze the controller).</summary>
    public int FirmwarePid { get; private set; }

    /// <summary>The executed-motion log: "seconds x, y, z, pwm" lines, positions in steps.</summary>
    public string ExecutedLogPath { get; private set; } = "";

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts a new controller (fresh settings from tools/lib/grbl-peer.settings unless
    /// <paramref name="settingsFile"/> names others) in a folder of its own.</summary>
    public static async Task<GrblPeer> StartAsync(string? settingsFile = null)
    {
        var state = new TempFolder();
        var peer = new GrblPeer(state.Path, state);
        await peer.StartAgainAsync(settingsFile).ConfigureAwait(false);
        return peer;
    }

    /// <summary>Starts the controller (again): power-up with the settings it kept.</summary>
    public async Task StartAgainAsync(string? settingsFile = null)
    {
        if (Running)
        {
            throw new InvalidOperationException("The GRBL peer is already running.");
        }

        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryFiles.Root, "tools", "grbl-peer"));
        start.ArgumentList.Add("--state");
        start.ArgumentList.Add(StateFolder);
        if (settingsFile is not null)
        {
            start.ArgumentList.Add("--settings");
            start.ArgumentList.Add(settingsFile);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        _process = process;
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            PortPath = await ReadLineAsync(process, timeout.Token).ConfigureAwait(false);
            FirmwarePid = int.Parse(Field(await ReadLineAsync(process, timeout.Token).ConfigureAwait(false), "pid"), CultureInfo.InvariantCulture);
            ExecutedLogPath = Field(await ReadLineAsync(process, timeout.Token).ConfigureAwait(false), "executed");
        }
        catch (Exception e) when (e is EndOfStreamException or OperationCanceledException or FormatException)
        {
            await StopAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"tools/grbl-peer did not start: {e.Message}\n{await errors.ConfigureAwait(false)}", e);
        }
    }

    /// <summary>Pulls the plug: the controller process ends and its pty disappears.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            Thaw();
            Signal("TERM", process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        _process = null;
    }

    /// <summary>Stops the firmware process in its tracks (no byte read, no step taken) until <see cref="Thaw"/>.</summary>
    public void Freeze() => Signal("STOP", FirmwarePid);

    public void Thaw() => Signal("CONT", FirmwarePid);

    /// <summary>Lines of the executed-motion log written so far.</summary>
    public IReadOnlyList<string> ExecutedLines()
    {
        using var stream = new FileStream(ExecutedLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _ownedState?.Dispose();
    }

    private static async Task<string> ReadLineAsync(Process process, CancellationToken cancellationToken) =>
        await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new EndOfStreamException("tools/grbl-peer ended before printing its pty, pid and log");

    private static string Field(string line, string name) =>
        line.StartsWith(name + " ", StringComparison.Ordinal)
            ? line[(name.Length + 1)..]
            : throw new FormatException($"expected \"{name} ...\" from tools/grbl-peer, got \"{line}\"");

    private static void Signal(string signal, int pid)
    {
        if (pid > 0)
        {
            using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }
}
