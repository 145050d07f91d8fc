using Engraver.Panel.Api;
using Engraver.Panel.Screen;
using Engraver.Panel.Status;
using Engraver.Panel.Tests.Support;
using Engraver.Panel.View;
using Terminal.Gui.Input;
using Xunit;

namespace Engraver.Panel.Tests;

/// <summary>The operator's motion controls on the panel: jog keys and step, go to slot, framing, overrides.</summary>
public sealed class OperatorControlsTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private FakeEngraverService _service = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        _service = await FakeEngraverService.StartAsync();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public void The_jog_step_goes_1_10_0_1_and_back_to_1_mm()
    {
        var step = JogStep.Default;

        Assert.Equal([1, 10, 0.1, 1], new[] { step, step.Next(), step.Next().Next(), step.Next().Next().Next() }.Select(s => s.Millimetres));
        Assert.Equal("0.1 mm", step.Next().Next().ToString());
    }

    [Theory]
    [InlineData(JogDirection.Up, 0, 10)]
    [InlineData(JogDirection.Down, 0, -10)]
    [InlineData(JogDirection.Left, -10, 0)]
    [InlineData(JogDirection.Right, 10, 0)]
    public void Each_arrow_jogs_one_step_along_its_machine_axis(JogDirection direction, double dx, double dy) =>
        Assert.Equal((dx, dy), new JogStep(10).Move(direction));

    [Fact]
    public void The_arrow_keys_jog_and_the_control_keys_open_the_operator_controls()
    {
        Assert.True(PanelKeyMap.TryGetJog(Key.CursorUp, out var up));
        Assert.True(PanelKeyMap.TryGetJog(Key.CursorLeft, out var left));
        Assert.Equal((JogDirection.Up, JogDirection.Left), (up, left));
        Assert.True(PanelKeyMap.TryGetAction(Key.G.WithCtrl, out var slot) && slot == PanelAction.GotoSlot);
        Assert.True(PanelKeyMap.TryGetAction(Key.F.WithCtrl, out var frame) && frame == PanelAction.Frame);
        Assert.True(PanelKeyMap.TryGetAction(Key.O.WithCtrl, out var overrides) && overrides == PanelAction.Overrides);
        Assert.True(PanelKeyMap.TryGetAction(Key.T.WithCtrl, out var step) && step == PanelAction.JogStep);
    }

    [Fact]
    public void Every_key_in_the_bar_is_a_key_of_the_map()
    {
        foreach (var key in ActionKeys.All)
        {
            Assert.Equal(key.Key, PanelKeyMap.KeyFor(key.Action).ToString(), ignoreCase: true);
        }
    }

    [Theory]
    [InlineData(PanelRole.Operator)]
    [InlineData(PanelRole.Supervisor)]
    public void At_80_columns_the_bar_keeps_every_key_with_the_new_controls_on_two_lines(PanelRole role)
    {
        var lines = KeyBar.Lines(ActionKeys.For(role), 80);
        var bar = string.Join("  ", lines);

        Assert.True(lines.Count <= 2, string.Join('\n', lines));
        Assert.All(lines, line => Assert.True(line.Length <= 80, line));
        Assert.Contains("^G Slot", bar, StringComparison.Ordinal);
        Assert.Contains("^F Frame", bar, StringComparison.Ordinal);
        Assert.Contains("^O Ovr", bar, StringComparison.Ordinal);
        Assert.EndsWith("F10 Quit", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_sees_the_jog_keys_and_step_and_QA_does_not()
    {
        var operatorView = PanelViewModel.Create("alice", PanelRole.Operator, null, FeedConnection.Live) with { Jog = new JogStep(0.1) };
        var qaView = PanelViewModel.Create("quinn", PanelRole.QA, null, FeedConnection.Live);

        Assert.Equal("Jog: arrow keys, step 0.1 mm (Ctrl+T)", operatorView.JogLine);
        Assert.Equal(string.Empty, qaView.JogLine);
        Assert.False(qaView.Allows(PanelAction.Jog));
    }

    [Theory]
    [InlineData(100, 100, "Feed 100% Power 100%", false)]
    [InlineData(110, 95, "Feed 110% Power 95%", true)]
    [InlineData(100, 90, "Feed 100% Power 90%", true)]
    public void The_overrides_in_force_are_shown_and_highlighted_when_not_100(int feed, int power, string line, bool highlighted)
    {
        var controller = new ControllerStatus(true, "Idle", -1, -1, 0, 0, 0, 15) { FeedOverridePercent = feed, PowerOverridePercent = power };

        Assert.Equal((line, highlighted), PanelViewModel.OverridesFor(controller));
    }

    [Fact]
    public void Overrides_a_controller_did_not_report_are_said_to_be_unknown_not_100() =>
        Assert.Equal(("Overrides: not reported", false), PanelViewModel.OverridesFor(new ControllerStatus(true, "Idle", 0, 0, 0, null, null, null)));

    [Fact]
    public void The_screen_shows_the_overrides_the_status_reports_in_force()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        using var held = new HeldScreen(client, PanelRole.Operator);

        held.Screen.Apply(new FeedUpdate.Status(System.Text.Json.JsonSerializer.Deserialize<StatusSnapshot>(ContractJson.InspectionStatus, PanelJson.Options)!));

        Assert.Contains("Feed 110% Power 95%", held.Text(), StringComparison.Ordinal);
        Assert.True(held.Screen.Current.OverridesActive);
    }

    [Fact]
    public async Task An_arrow_key_posts_a_jog_of_the_chosen_step_and_Ctrl_T_changes_the_step()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        using var held = new HeldScreen(client, PanelRole.Operator);
        using var guard = new CancellationTokenSource(HangGuard);

        held.Press(Key.CursorRight);
        var first = await _service.Arrivals.ReadAsync(guard.Token);
        held.Press(Key.T.WithCtrl);
        held.Press(Key.CursorDown);
        var second = await _service.Arrivals.ReadAsync(guard.Token);

        Assert.Equal("alice POST /api/station/jog application/json; charset=utf-8 {\"dxMm\":1,\"dyMm\":0,\"feedMmPerMin\":1000}", first);
        Assert.Equal("alice POST /api/station/jog application/json; charset=utf-8 {\"dxMm\":0,\"dyMm\":-10,\"feedMmPerMin\":1000}", second);
        Assert.Contains("Jog: arrow keys, step 10 mm (Ctrl+T)", held.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_jog_shows_the_services_reason()
    {
        _service.JogRefusal = "Jog refused: the door is open: close it first. Nothing was sent.";
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        var commands = new PanelCommands(client);
        var view = PanelViewModel.Create("alice", PanelRole.Operator, null, FeedConnection.Live);

        var message = await commands.JogAsync(JogDirection.Up, view, CancellationToken.None);

        Assert.Equal("Jog up 1 mm: refused (409) The station refused jog: Jog refused: the door is open: close it first. Nothing was sent.", message);
    }

    [Theory]
    [InlineData("3", false, "alice POST /api/station/goto-slot application/json; charset=utf-8 {\"slot\":3,\"place\":\"laser\"}")]
    [InlineData(" 12 ", true, "alice POST /api/station/goto-slot application/json; charset=utf-8 {\"slot\":12,\"place\":\"camera\"}")]
    public async Task Go_to_slot_posts_the_slot_and_the_place(string typed, bool underCamera, string expected)
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        using var guard = new CancellationTokenSource(HangGuard);

        var message = await new PanelCommands(client).GotoSlotAsync(typed, underCamera, guard.Token);

        Assert.EndsWith(": accepted", message, StringComparison.Ordinal);
        Assert.Equal(expected, await _service.Arrivals.ReadAsync(guard.Token));
    }

    [Theory]
    [InlineData("x", "100", "Overrides: feed \"x\" is not a whole percentage (100 = the recipe as written)")]
    [InlineData("110", "-5", "Overrides: power \"-5\" is not a whole percentage (100 = the recipe as written)")]
    public async Task Overrides_that_are_not_whole_percentages_are_named_and_not_sent(string feed, string power, string expected)
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);

        Assert.Equal(expected, await new PanelCommands(client).SetOverridesAsync(feed, power, CancellationToken.None));
        Assert.Empty(_service.Commands);
    }

    [Fact]
    public async Task A_slot_that_is_not_a_number_is_named_and_not_sent()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);

        Assert.Equal("Go to slot: \"A3\" is not a slot number (0, 1, 2, ...)", await new PanelCommands(client).GotoSlotAsync("A3", false, CancellationToken.None));
        Assert.Empty(_service.Commands);
    }

    [Fact]
    public async Task Ctrl_F_posts_a_framing_of_the_next_slot()
    {
        using var client = new PanelClient(_service.Url, FakeEngraverService.OperatorKey);
        using var held = new HeldScreen(client, PanelRole.Operator);
        using var guard = new CancellationTokenSource(HangGuard);

        held.Press(Key.F.WithCtrl);

        Assert.Equal("alice POST /api/station/frame application/json; charset=utf-8 {\"slot\":null}", await _service.Arrivals.ReadAsync(guard.Token));
    }
}
