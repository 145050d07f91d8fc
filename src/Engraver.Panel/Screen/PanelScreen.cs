using Engraver.Panel.Api;
using Engraver.Panel.View;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Engraver.Panel.Screen;

/// <summary>The panel's one screen. It only shows a <see cref="PanelViewModel"/> and turns keys into
/// actions; every update must arrive on the UI thread (through IApplication.Invoke).</summary>
public sealed class PanelScreen : Runnable
{
    private readonly PanelLogin _login;
    private readonly PanelCommands _commands;
    private readonly Label _banner;
    private readonly Label _who;
    private readonly Label _interlocks;
    private readonly Label _motion;
    private readonly Label _job;
    private readonly ProgressBar _progress;
    private readonly Label _progressText;
    private readonly Label _lastPin;
    private readonly Label _alarms;
    private readonly FrameView _inspectionFrame;
    private readonly FrameView _alarmFrame;
    private readonly Label _inspection;
    private readonly Label _pins;
    private readonly Label _jog;
    private readonly Label _overrides;
    private readonly Label _message;
    private readonly Label _keys;
    private StatusSnapshot? _snapshot;
    private FeedConnection _connection = FeedConnection.Connecting;
    private JogStep _jogStep = JogStep.Default;

    /// <summary>The row of the jog and overrides line; what waits for a person and the alarms come below it.</summary>
    private const int ControlsRow = 12;

    public PanelScreen(PanelLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        _login = login;
        _commands = new PanelCommands(login.Client);
        Title = "Engraver station panel";
        Width = Dim.Fill();
        Height = Dim.Fill();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;

        _banner = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
        _who = new Label { X = 0, Y = 2, Width = Dim.Fill(), Height = 1 };
        var interlockFrame = new FrameView { Title = "Interlocks", X = 0, Y = 3, Width = 28, Height = 9 };
        _interlocks = new Label { Width = Dim.Fill(), Height = Dim.Fill() };
        interlockFrame.Add(_interlocks);
        var machineFrame = new FrameView { Title = "Machine and job", X = 28, Y = 3, Width = Dim.Fill(), Height = 9 };
        _motion = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
        _job = new Label { X = 0, Y = 2, Width = Dim.Fill(), Height = 1 };
        _progress = new ProgressBar { X = 0, Y = 3, Width = Dim.Fill(24), Height = 1 };
        _progressText = new Label { X = Pos.AnchorEnd(23), Y = 3, Width = 23, Height = 1 };
        _pins = new Label { X = 0, Y = 4, Width = Dim.Fill(), Height = 1 };
        _lastPin = new Label { X = 0, Y = 5, Width = Dim.Fill(), Height = 2 };
        machineFrame.Add(_motion, _job, _progress, _progressText, _pins, _lastPin);
        _jog = new Label { X = 0, Y = ControlsRow, Width = 46, Height = 1 };
        _overrides = new Label { X = 46, Y = ControlsRow, Width = Dim.Fill(), Height = 1 };
        // Shown above the alarms only while a pin waits for inspection or serials need a new pin.
        _inspectionFrame = new FrameView { Title = "Pin waiting for inspection", X = 0, Y = ControlsRow + 1, Width = Dim.Fill(), Height = 5, Visible = false };
        _inspection = new Label { Width = Dim.Fill(), Height = Dim.Fill() };
        _inspectionFrame.Add(_inspection);
        // A pin waiting for a person: amber, like the stack light when the station waits for one.
        _inspectionFrame.SetScheme(StackLightScheme.For(Status.StackLightColour.Amber));
        var alarmFrame = _alarmFrame = new FrameView { Title = "Alarms", X = 0, Y = ControlsRow + 1, Width = Dim.Fill(), Height = Dim.Fill(3) };
        _alarms = new Label { Width = Dim.Fill(), Height = Dim.Fill() };
        alarmFrame.Add(_alarms);
        _message = new Label { X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill(), Height = 1 };
        _keys = new Label { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 2 };
        Add(_banner, _who, interlockFrame, machineFrame, _jog, _overrides, _inspectionFrame, alarmFrame, _message, _keys);
        Show();
    }

    public PanelViewModel Current { get; private set; } = null!;

    /// <summary>The message line: the outcome of the last command.</summary>
    public string Message => _message.Text;

    /// <summary>Raised on the UI thread when a command's outcome reaches the message line.</summary>
    public event EventHandler<string>? OutcomeShown;

    /// <summary>Takes one update from the live feed.</summary>
    public void Apply(FeedUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        switch (update)
        {
            case FeedUpdate.Status status:
                _snapshot = status.Snapshot;
                break;
            case FeedUpdate.Connection connection:
                _connection = connection.State;
                break;
        }

        Show();
    }

    public void ShowMessage(string? text)
    {
        if (text is not null)
        {
            _message.Text = text;
        }
    }

    protected override bool OnKeyDown(Key key)
    {
        if (PanelKeyMap.TryGetJog(key, out var direction))
        {
            var view = Current;
            if (view.Allows(PanelAction.Jog))
            {
                Send(token => _commands.JogAsync(direction, view, token));
            }

            return true;
        }

        if (!PanelKeyMap.TryGetAction(key, out var action))
        {
            return base.OnKeyDown(key);
        }

        // A key the role does not have is swallowed, so it cannot reach anything else either.
        if (Current.Allows(action))
        {
            Do(action);
        }

        return true;
    }

    private void Do(PanelAction action)
    {
        switch (action)
        {
            case PanelAction.Quit:
                App?.RequestStop();
                break;
            case PanelAction.SubmitJob:
                if (RunDialog(new JobFileDialog()) is { } path)
                {
                    Send(async token => await _commands.SubmitJobFileAsync(path, token).ConfigureAwait(false));
                }

                break;
            case PanelAction.JogStep:
                _jogStep = _jogStep.Next();
                Show();
                break;
            case PanelAction.GotoSlot:
                if (RunDialog(new GotoSlotDialog()) is { } choice)
                {
                    Send(async token => await _commands.GotoSlotAsync(choice.Slot, choice.UnderCamera, token).ConfigureAwait(false));
                }

                break;
            case PanelAction.Overrides:
                var (feed, power) = (_snapshot?.Controller?.FeedOverridePercent ?? 100, _snapshot?.Controller?.PowerOverridePercent ?? 100);
                if (RunDialog(new OverridesDialog(feed, power)) is { } overrides)
                {
                    Send(async token => await _commands.SetOverridesAsync(overrides.FeedPercent, overrides.PowerPercent, token).ConfigureAwait(false));
                }

                break;
            case PanelAction.ResolveInspection:
                if (RunDialog(new ResolveDialog(Current.PinToResolve)) is { } resolution)
                {
                    Send(async token => await _commands.ResolveAsync(resolution.Serial, resolution.Verified, resolution.Note, token).ConfigureAwait(false));
                }

                break;
            default:
                var view = Current;
                Send(token => _commands.RunAsync(action, view, token));
                break;
        }
    }

    private TResult? RunDialog<TResult>(Runnable<TResult> dialog)
    {
        using (dialog)
        {
            App?.Run(dialog);
            return dialog.Result;
        }
    }

    /// <summary>Sends a command off the UI thread and puts its outcome on the message line.</summary>
    private void Send(Func<CancellationToken, Task<string?>> command)
    {
        _message.Text = "Sending...";
        _ = SendAsync(command);
    }

    private async Task SendAsync(Func<CancellationToken, Task<string?>> command)
    {
        string? text;
        try
        {
            text = await command(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A command that fails in an unexpected way is reported, never allowed to end the panel.
            text = $"Failed: {e.Message}";
        }

        App?.Invoke(() =>
        {
            _message.Text = text ?? string.Empty;
            OutcomeShown?.Invoke(this, _message.Text);
        });
    }

    private void Show()
    {
        Current = PanelViewModel.Create(_login.Who.User, _login.Who.Role, _snapshot, _connection) with { Jog = _jogStep };
        _banner.Text = Current.Banner;
        _banner.SetScheme(StackLightScheme.For(Current.Light));
        _who.Text = $"{Current.User} ({Current.Role}) at {_login.Client.ServiceUrl}   {Current.Connection}";
        _interlocks.Text = string.Join('\n', Current.InterlockLines);
        _motion.Text = Current.MotionLine;
        _job.Text = Current.JobLine;
        _progress.Fraction = (float)Current.JobFraction;
        _progressText.Text = Current.JobProgressText;
        _lastPin.Text = Current.LastPinLine;
        _pins.Text = Current.PinsLine;
        _jog.Text = Current.JogLine;
        _overrides.Text = Current.OverridesLine;
        // Amber while the machine does not run its recipe as written.
        _overrides.SetScheme(Current.OverridesActive ? StackLightScheme.For(Status.StackLightColour.Amber) : null);
        var attention = Current.AttentionLines;
        _inspection.Text = string.Join('\n', attention);
        _inspectionFrame.Title = Current.InspectionWaiting ? "Pin waiting for inspection" : "Serials without a pin";
        _inspectionFrame.Visible = attention.Count > 0;
        _inspectionFrame.Height = attention.Count + 2;
        _alarmFrame.Y = attention.Count > 0 ? ControlsRow + 1 + attention.Count + 2 : ControlsRow + 1;
        _alarms.Text = string.Join('\n', Current.AlarmLines);
        // The label's width once laid out; 80 columns, the narrowest terminal the panel is used on, before that.
        _keys.Text = string.Join('\n', KeyBar.Lines(Current.Keys, _keys.Frame.Width > 0 ? _keys.Frame.Width : 80));
    }
}
