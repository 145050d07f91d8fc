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
}

/// <summary>One action key as the bottom line shows it: "F3 Pause job", or "F3 Pause" where room is short.</summary>
public sealed record ActionKey(PanelAction Action, string Key, string Label, string ShortLabel)
{
    public override string ToString() => $"{Key} {Label}";

    public string Short => $"{Key} {ShortLabel}";
}

/// <summary>Which keys each role gets. The service checks roles on every command too; the panel only
/// hides what the user could not do anyway, so nobody presses a key just to be refused.</summary>
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
        new(PanelAction.ResolveInspection, "Ctrl+R", "Resolve inspection", "Resolve"),
        new(PanelAction.Quit, "F10", "Quit", "Quit"),
    ];

    public static bool IsAllowed(PanelRole role, PanelAction action) => action switch
    {
        PanelAction.Quit => true,
        PanelAction.SubmitJob or PanelAction.PauseJob or PanelAction.ResumeJob or PanelAction.ResumeStation
            or PanelAction.Home or PanelAction.Start or PanelAction.ResetEStop or PanelAction.AcknowledgeAlarm => role is PanelRole.Operator or PanelRole.Supervisor,
        PanelAction.Unlock or PanelAction.CancelJob or PanelAction.ResolveInspection => role is PanelRole.Supervisor,
        _ => false,
    };

    public static IReadOnlyList<ActionKey> For(PanelRole role) =>
        All.Where(key => IsAllowed(role, key.Action)).ToList();
}
