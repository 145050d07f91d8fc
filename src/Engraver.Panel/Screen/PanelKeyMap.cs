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
        [Key.G.WithCtrl] = PanelAction.GotoSlot,
        [Key.F.WithCtrl] = PanelAction.Frame,
        [Key.O.WithCtrl] = PanelAction.Overrides,
        [Key.T.WithCtrl] = PanelAction.JogStep,
    };

    private static readonly Dictionary<Key, JogDirection> Jogs = new()
    {
        [Key.CursorUp] = JogDirection.Up,
        [Key.CursorDown] = JogDirection.Down,
        [Key.CursorLeft] = JogDirection.Left,
        [Key.CursorRight] = JogDirection.Right,
    };

    /// <summary>An arrow key: the direction it jogs the machine.</summary>
    public static bool TryGetJog(Key key, out JogDirection direction) => Jogs.TryGetValue(key, out direction);

    public static bool TryGetAction(Key key, out PanelAction action) => Actions.TryGetValue(key, out action);

    public static Key KeyFor(PanelAction action) => Actions.First(pair => pair.Value == action).Key;

    /// <summary>Every key the map knows with its action: for a check that the key bar names the keys the map has.</summary>
    public static IReadOnlyDictionary<Key, PanelAction> All => Actions;
}
