using System.Text.Json;
using Engraver.Panel.Api;
using Engraver.Panel.Screen;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Engraver.Panel.Tests.Support;

/// <summary>A panel screen on a headless Terminal.Gui application, showing the contract's safety-hold
/// status. Terminal.Gui puts its main-loop synchronization context on the calling thread; each call
/// here puts the test's context back, or a later await in the test (or on that pool thread) would
/// wait for a main loop that never runs.</summary>
internal sealed class HeldScreen : IDisposable
{
    private readonly SessionToken? _session;

    public HeldScreen(PanelClient client, PanelRole role)
    {
        (App, Screen, _session) = Guard(() =>
        {
            var app = Application.Create().Init();
            var screen = new PanelScreen(new PanelLogin(client, new WhoAmI("alice", role)));
            screen.Apply(new FeedUpdate.Connection(FeedConnection.Live));
            screen.Apply(new FeedUpdate.Status(JsonSerializer.Deserialize<StatusSnapshot>(ContractJson.SafetyHoldStatus, PanelJson.Options)!));
            return (app, screen, app.Begin(screen));
        });
    }

    public IApplication App { get; }

    public PanelScreen Screen { get; }

    public void Press(Key key) => Guard(() => App.InjectKey(key));

    /// <summary>Runs what IApplication.Invoke queued from other threads, as one main-loop pass would.</summary>
    public void RunQueued() => Guard(() => App.TimedEvents!.RunTimers());

    /// <summary>The screen as text after a full layout and draw, wrapped lines joined back into phrases.</summary>
    public string Text() => Guard(() =>
    {
        App.LayoutAndDraw(true);
        var lines = (App.Driver!.ToString() ?? string.Empty).Split('\n');
        return string.Join(' ', lines.Select(line => line.Trim('│', ' ', '\r')));
    });

    public void Dispose() => Guard(() =>
    {
        if (_session is not null)
        {
            App.End(_session);
        }

        Screen.Dispose();
        App.Dispose();
    });

    private static void Guard(Action action) => Guard(() =>
    {
        action();
        return true;
    });

    private static T Guard<T>(Func<T> action)
    {
        var context = SynchronizationContext.Current;
        try
        {
            return action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
