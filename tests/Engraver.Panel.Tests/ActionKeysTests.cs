using Engraver.Panel.Api;
using Engraver.Panel.View;
using FsCheck.Xunit;
using Xunit;

namespace Engraver.Panel.Tests;

public class ActionKeysTests
{
    [Property]
    public bool Supervisor_may_do_everything_an_operator_may(PanelAction action) =>
        !ActionKeys.IsAllowed(PanelRole.Operator, action) || ActionKeys.IsAllowed(PanelRole.Supervisor, action);

    [Property]
    public bool QA_may_only_quit(PanelAction action) =>
        ActionKeys.IsAllowed(PanelRole.QA, action) == (action == PanelAction.Quit);

    [Fact]
    public void Every_action_but_the_jog_has_exactly_one_key_in_the_bar()
    {
        // The jog's arrow keys and its step key are named on the controls line instead.
        Assert.Equal(Enum.GetValues<PanelAction>().Except([PanelAction.Jog, PanelAction.JogStep]), ActionKeys.All.Select(key => key.Action).Order());
        Assert.Equal(ActionKeys.All.Count, ActionKeys.All.Select(key => key.Key).Distinct().Count());
    }

    [Fact]
    public void Operator_keys_leave_out_the_supervisor_commands()
    {
        var keys = ActionKeys.For(PanelRole.Operator).Select(key => key.Key);

        Assert.Equal(["F2", "F3", "F4", "F5", "F6", "F11", "F12", "F7", "Ctrl+G", "Ctrl+F", "Ctrl+O", "F10"], keys);
    }
}
