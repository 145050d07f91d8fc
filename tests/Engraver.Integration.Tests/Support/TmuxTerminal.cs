using System.Diagnostics;
using Xunit;

namespace Engraver.Integration.Tests.Support;

/// <summary>A program in a real terminal: a detached tmux session on a private server, driven with
/// send-keys and read with capture-pane, as a person at a console would see it.</summary>
internal sealed class TmuxTerminal : IDisposable
{
    private readonly string _socket = "engraver-" + Guid.NewGuid().ToString("N")[..12];
    private const string Session = "panel";

    private TmuxTerminal()
    {
    }

    /// <summary>Starts <paramref name="program"/> with its <paramref name="arguments"/> in a terminal of the given size.</summary>
    public static async Task<TmuxTerminal> StartAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, int columns = 120, int rows = 40)
    {
        var terminal = new TmuxTerminal();
        List<string> command = ["new-session", "-d", "-s", Session, "-x", $"{columns}", "-y", $"{rows}"];
        foreach (var (name, value) in environment)
        {
            command.AddRange(["-e", $"{name}={value}"]);
        }

        command.AddRange(["-e", "TERM=xterm-256color", program, .. arguments]);
        await terminal.TmuxAsync([.. command]);
        // Keep the pane when the program ends, so its last screen can still be read.
        await terminal.TmuxAsync("set-option", "-t", Session, "remain-on-exit", "on");
        return terminal;
    }

    /// <summary>Keys by tmux name: "F2", "Enter", "Tab", "Escape", "C-r".</summary>
    public Task KeysAsync(params string[] keys) => TmuxAsync(["send-keys", "-t", Session, .. keys]);

    /// <summary>Types <paramref name="text"/> literally.</summary>
    public Task TypeAsync(string text) => TmuxAsync("send-keys", "-t", Session, "-l", text);

    public Task<string> ScreenAsync() => TmuxAsync("capture-pane", "-p", "-t", Session);

    /// <summary>Reads the screen until <paramref name="condition"/> holds; fails with the last screen after <paramref name="limit"/>.</summary>
    /// <param name="retry">Sent first and again every few seconds while the condition does not hold.</param>
    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? limit = null, Func<Task>? retry = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        var nextRetry = DateTime.MinValue;
        while (true)
        {
            if (retry is not null && DateTime.UtcNow >= nextRetry)
            {
                await retry();
                nextRetry = DateTime.UtcNow + TimeSpan.FromSeconds(3);
                await Task.Delay(300);
            }

            var screen = await ScreenAsync();
            if (condition(screen))
            {
                return screen;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}. The screen:\n{screen}");
            await Task.Delay(150);
        }
    }

    public Task<string> WaitForTextAsync(string text, TimeSpan? limit = null) =>
        WaitForAsync(s => s.Contains(text, StringComparison.Ordinal), $"\"{text}\" on the screen", limit);

    public void Dispose()
    {
        using var kill = Process.Start(Start("kill-server"));
        kill?.WaitForExit();
    }

    private async Task<string> TmuxAsync(params string[] arguments)
    {
        using var process = Process.Start(Start(arguments)) ?? throw new InvalidOperationException("tmux did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }

    private ProcessStartInfo Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
