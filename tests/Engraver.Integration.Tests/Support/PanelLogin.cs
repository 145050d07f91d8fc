namespace Engraver.Integration.Tests.Support;

/// <summary>The operator panel started in a real terminal (tmux) and logged in through its dialog, as a person does.</summary>
internal static class PanelLogin
{
    /// <summary>Starts the panel on <paramref name="url"/> in a terminal of the given size and logs in.</summary>
    public static async Task<TmuxTerminal> StartAsync(string url, string user, string key, int columns = 120, int rows = 40)
    {
        var terminal = await TmuxTerminal.StartAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "engraver-panel.dll"), "--url", url], new Dictionary<string, string>(), columns, rows);
        await LogInAsync(terminal, user, key);
        return terminal;
    }

    /// <summary>Types <paramref name="user"/> and <paramref name="key"/> into the login dialog and confirms.</summary>
    public static async Task LogInAsync(TmuxTerminal terminal, string user, string key)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        await terminal.WaitForTextAsync("Operator id:");
        // Keys sent while the dialog is still starting can be lost: type until the field shows them.
        await terminal.WaitForAsync(s => s.Contains($"Operator id:  {user} ", StringComparison.Ordinal), "the operator id in its field", retry: async () =>
        {
            await terminal.KeysAsync(["End", .. Enumerable.Repeat("BSpace", 12)]);
            await terminal.TypeAsync(user);
        });
        await terminal.KeysAsync("Tab");
        await terminal.TypeAsync(key);
        await terminal.KeysAsync("Enter");
    }
}
