using Engraver.Panel.View;
using Terminal.Gui.Input;

namespace Engraver.Panel.Screen;

/// <summary>The terminal keys behind <see cref="ActionKeys"/>; kept apart so the screen model stays free of terminal types.</summary>
public static class PanelKeyMap
{
    private static readonly Dictionary<Key, PanelAction> Actions = new()
    {
        [Key.F2] = PanelAction.SubmitJob,
        [Key.F3] = PanelAction.PauseJob,
        [Key.F4] = PanelAction.ResumeJob,
        [Key.F5] = PanelAction.ResumeStation,
        [Key.F6] = PanelAction.Home,
        [Key.F7] = PanelAction.AcknowledgeAlarm,
        [Key.F8] = PanelAction.Unlock,
        [Key.F9] = PanelAction.CancelJob,
        [Key.R.WithCtrl] = PanelAction.ResolveInspection,
        [Key.F10] = PanelAction.Quit,
        [Key.F11] = PanelAction.Start,
        [Key.F12] = PanelAction.ResetEStop,
    };

    public static bool TryGetAction(Key key, out PanelAction action) => Actions.TryGetValue(key, out action);

    public static Key KeyFor(PanelAction action) => Actions.First(pair => pair.Value == action).Key;
}
