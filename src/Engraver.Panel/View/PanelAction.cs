using Engraver.Panel.Api;

namespace Engraver.Panel.View;

public enum PanelAction
{
    SubmitJob,
    PauseJob,
    ResumeJob,
    ResumeStation,
    Home,
    AcknowledgeAlarm,
    Unlock,
    CancelJob,
    ResolveInspection,
    Quit,
    Start,
    ResetEStop,
    Jog,
    JogStep,
    GotoSlot,
    Frame,
    Overrides,
}

/// <summary>One action key as the bottom line shows it: "F3 Pause job", or "F3 Pause" where room is short
/// ("Ctrl+G Go to slot", or "^G Slot").</summary>
public sealed record ActionKey(PanelAction Action, string Key, string Label, string ShortLabel)
{
    public override string ToString() => $"{Key} {Label}";

    /// <summary>"^G Slot": the short label, with a control key written the terminal's way.</summary>
    public string Short => $"{Key.Replace("Ctrl+", "^", StringComparison.Ordinal)} {ShortLabel}";
}

/// <summary>Which keys each role gets. The service checks roles on every command too; the panel only
/// hides what the user could not do anyway, so nobody presses a key just to be refused. The arrow keys (jog) and
/// Ctrl+T (jog step) are named on the screen's controls line, not in <see cref="All"/>: the key bar must fit two
/// lines of an 80-column terminal.</summary>
public static class ActionKeys
{
    public static IReadOnlyList<ActionKey> All { get; } =
    [
        new(PanelAction.SubmitJob, "F2", "Submit job", "Submit"),
        new(PanelAction.PauseJob, "F3", "Pause job", "Pause"),
        new(PanelAction.ResumeJob, "F4", "Resume job", "Resume"),
        new(PanelAction.ResumeStation, "F5", "Resume station", "Go on"),
        new(PanelAction.Home, "F6", "Home", "Home"),
        new(PanelAction.Start, "F11", "Start", "Start"),
        new(PanelAction.ResetEStop, "F12", "Reset e-stop", "Reset"),
        new(PanelAction.AcknowledgeAlarm, "F7", "Acknowledge alarm", "Ack"),
        new(PanelAction.Unlock, "F8", "Unlock", "Unlock"),
        new(PanelAction.CancelJob, "F9", "Cancel job", "Cancel"),
        new(PanelAction.GotoSlot, "Ctrl+G", "Go to slot", "Slot"),
        new(PanelAction.Frame, "Ctrl+F", "Frame", "Frame"),
        new(PanelAction.Overrides, "Ctrl+O", "Overrides", "Ovr"),
        new(PanelAction.ResolveInspection, "Ctrl+R", "Resolve inspection", "Resolve"),
        new(PanelAction.Quit, "F10", "Quit", "Quit"),
    ];

    public static bool IsAllowed(PanelRole role, PanelAction action) => action switch
    {
        PanelAction.Quit => true,
        PanelAction.SubmitJob or PanelAction.PauseJob or PanelAction.ResumeJob or PanelAction.ResumeStation
            or PanelAction.Home or PanelAction.Start or PanelAction.ResetEStop or PanelAction.AcknowledgeAlarm
            or PanelAction.Jog or PanelAction.JogStep or PanelAction.GotoSlot or PanelAction.Frame or PanelAction.Overrides => role is PanelRole.Operator or PanelRole.Supervisor,
        PanelAction.Unlock or PanelAction.CancelJob or PanelAction.ResolveInspection => role is PanelRole.Supervisor,
        _ => false,
    };

    /// <summary>The jog's keys as the controls line names them.</summary>
    public const string JogKeys = "arrow keys";

    public const string JogStepKey = "Ctrl+T";

    public static IReadOnlyList<ActionKey> For(PanelRole role) =>
        All.Where(key => IsAllowed(role, key.Action)).ToList();
}
