using Engraver.Panel.Api;
using Terminal.Gui.App;

namespace Engraver.Panel.Screen;

/// <summary>How the panel was started: the service's address, and for an unattended start the user
/// and key that skip the login dialog.</summary>
public sealed record PanelStart(Uri ServiceUrl, string? User, string? Key);

/// <summary>Runs the panel: log in (dialog, or the given user and key), then the live screen until F10.</summary>
public static class PanelApp
{
    public static async Task<int> RunAsync(PanelStart start, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(error);
        PanelLogin? login = null;
        if (start is { User: { } user, Key: { } key })
        {
            login = await LogInAsync(start.ServiceUrl, user, key, error, cancellationToken).ConfigureAwait(false);
            if (login is null)
            {
                return 3;
            }
        }

        using var app = Application.Create().Init();
        if (login is null)
        {
            using var dialog = new LoginDialog(start.ServiceUrl, key => new PanelClient(start.ServiceUrl, key), start.User);
            app.Run(dialog);
            login = dialog.Result;
            if (login is null)
            {
                return 1;
            }
        }

        using (login.Client)
        {
            await RunScreenAsync(app, login, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Shows the screen and keeps it fed from the service until the user quits.</summary>
    public static async Task RunScreenAsync(IApplication app, PanelLogin login, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(login);
        using var screen = new PanelScreen(login);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var feed = new StatusFeed(login.Client);
        var feeding = Task.Run(() => feed.RunAsync(update => app.Invoke(() => screen.Apply(update)), stop.Token), CancellationToken.None);
        var registration = cancellationToken.Register(() => app.Invoke(() => app.RequestStop(screen)));
        try
        {
            app.Run(screen);
        }
        finally
        {
            // Stop listening for Ctrl+C first: after Run the screen is gone and there is nothing to stop.
            await registration.DisposeAsync().ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await feeding.ConfigureAwait(false);
        }
    }

    private static async Task<PanelLogin?> LogInAsync(Uri serviceUrl, string user, string key, TextWriter error, CancellationToken cancellationToken)
    {
        var client = new PanelClient(serviceUrl, key);
        var answer = await client.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        if (LoginCheck.Refusal(user, answer) is { } why)
        {
            client.Dispose();
            await error.WriteLineAsync($"engraver-panel: {user} cannot log in to {serviceUrl}: {why}").ConfigureAwait(false);
            return null;
        }

        return new PanelLogin(client, answer.Value!);
    }
}
