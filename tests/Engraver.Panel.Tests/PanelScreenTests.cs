using Engraver.Panel.Api;
using Engraver.Panel.Tests.Support;
using Terminal.Gui.Input;
using Xunit;

namespace Engraver.Panel.Tests;

public sealed class PanelScreenTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private FakeEngraverService _service = null!;

    public async Task InitializeAsync()
    {
        // Terminal.Gui's own switch for running without a real terminal.
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        _service = await FakeEngraverService.StartAsync();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Screen_shows_the_safety_hold_banner_and_F3_posts_a_pause_for_the_job()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        using var held = new HeldScreen(client, PanelRole.Operator);
        var text = held.Text();

        held.Press(Key.F3);
        using var guard = new CancellationTokenSource(HangGuard);
        var command = await _service.Arrivals.ReadAsync(guard.Token);

        Assert.Contains("SafetyHold: Door open: laser off. Close the door and press Resume", text, StringComparison.Ordinal);
        Assert.Contains("Why: door open", text, StringComparison.Ordinal);
        Assert.Contains("13/50, ETA --", text, StringComparison.Ordinal);
        Assert.Contains("A limit switch was hit.", text, StringComparison.Ordinal);
        Assert.Equal("alice POST /api/jobs/J-1/pause", command);
    }

    [Fact]
    public void Screen_shows_the_pin_waiting_for_inspection_above_the_alarms()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.SupervisorKey);
        using var held = new HeldScreen(client, PanelRole.Supervisor);
        var before = held.Text();

        held.Screen.Apply(new FeedUpdate.Status(System.Text.Json.JsonSerializer.Deserialize<StatusSnapshot>(ContractJson.InspectionStatus, PanelJson.Options)!));
        var text = held.Text();

        Assert.DoesNotContain("INSPECT", before, StringComparison.Ordinal);
        Assert.Contains("INSPECT ACME M1 A000014: job J-1, slot 13, attempt 1", text, StringComparison.Ordinal);
        Assert.Contains("Why: e-stop pressed", text, StringComparison.Ordinal);
        Assert.Contains("evidence/J-1-A000014-a1.png", text, StringComparison.Ordinal);
        Assert.Contains("Need a new pin: A000009", text, StringComparison.Ordinal);
        Assert.Contains("Pins: 15 used, 12 verified; 16 records", text, StringComparison.Ordinal);
        Assert.Equal("A000014", held.Screen.Current.PinToResolve);
    }

    [Fact]
    public async Task QA_sees_only_quit_and_an_operator_key_sends_nothing()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.QaKey);
        using var held = new HeldScreen(client, PanelRole.QA);

        held.Press(Key.F3);
        held.Press(Key.F6);
        var text = held.Text();
        // A command that was sent would reach the service before this one does.
        await client.WhoAmIAsync(CancellationToken.None);

        Assert.Contains("F10 Quit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("F3", text, StringComparison.Ordinal);
        Assert.Empty(_service.Commands);
    }

    [Fact]
    public async Task F11_posts_a_start_and_F12_an_estop_reset_as_the_logged_in_operator()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        using var held = new HeldScreen(client, PanelRole.Operator);
        using var guard = new CancellationTokenSource(HangGuard);

        held.Press(Key.F11);
        var start = await _service.Arrivals.ReadAsync(guard.Token);
        held.Press(Key.F12);
        var reset = await _service.Arrivals.ReadAsync(guard.Token);

        Assert.Equal("alice POST /api/station/start", start);
        Assert.Equal("alice POST /api/station/reset", reset);
        Assert.Contains("F11 Start", held.Text(), StringComparison.Ordinal);
        // "F12 Reset e-stop", or "F12 Reset" where the full labels do not fit two lines.
        Assert.Contains("F12 Reset", held.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_command_shows_the_reason_on_the_message_line()
    {
        _service.HomeRefusal = "door open";
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        using var held = new HeldScreen(client, PanelRole.Operator);
        var shown = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        held.Screen.OutcomeShown += (_, text) => shown.TrySetResult(text);
        var queued = new SemaphoreSlim(0);
        held.App.TimedEvents!.Added += (_, _) => queued.Release();

        held.Press(Key.F6);
        var sending = held.Screen.Message;
        // The outcome comes back through IApplication.Invoke: shown at once when it lands on the thread
        // that started the application, otherwise queued for the main loop, whose due work is run here.
        using var guard = new CancellationTokenSource(HangGuard);
        while (!shown.Task.IsCompleted)
        {
            guard.Token.ThrowIfCancellationRequested();
            await Task.WhenAny(shown.Task, queued.WaitAsync(guard.Token));
            held.RunQueued();
        }

        var message = await shown.Task;

        Assert.Equal("Sending...", sending);
        Assert.Equal("Home: refused (409) The station refuses: door open", message);
        Assert.Contains("Home: refused (409) The station refuses: door open", held.Text(), StringComparison.Ordinal);
    }
}
