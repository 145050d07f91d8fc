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

/// <summary>One action key as the bottom line shows it: "F3 Pause job".</summary>
public sealed record ActionKey(PanelAction Action, string Key, string Label)
{
    public override string ToString() => $"{Key} {Label}";
}

/// <summary>Which keys each role gets. The service checks roles on every command too; the panel only
/// hides what the user could not do anyway, so nobody presses a key just to be refused.</summary>
public static class ActionKeys
{
    public static IReadOnlyList<ActionKey> All { get; } =
    [
        new(PanelAction.SubmitJob, "F2", "Submit job"),
        new(PanelAction.PauseJob, "F3", "Pause job"),
        new(PanelAction.ResumeJob, "F4", "Resume job"),
        new(PanelAction.ResumeStation, "F5", "Resume station"),
        new(PanelAction.Home, "F6", "Home"),
        new(PanelAction.Start, "F11", "Start"),
        new(PanelAction.ResetEStop, "F12", "Reset e-stop"),
        new(PanelAction.AcknowledgeAlarm, "F7", "Acknowledge alarm"),
        new(PanelAction.Unlock, "F8", "Unlock"),
        new(PanelAction.CancelJob, "F9", "Cancel job"),
        new(PanelAction.ResolveInspection, "Ctrl+R", "Resolve inspection"),
        new(PanelAction.Quit, "F10", "Quit"),
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
