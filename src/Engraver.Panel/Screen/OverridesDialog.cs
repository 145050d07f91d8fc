using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Engraver.Panel.Screen;

/// <summary>The feed and laser power overrides the operator asks for, as typed.</summary>
public sealed record OverridesChoice(string FeedPercent, string PowerPercent);

/// <summary>Asks for the feed and power overrides in percent (100 = the recipe as written), filled in with those in
/// force; the service refuses values outside the recipe's limits and names them.</summary>
public sealed class OverridesDialog : Runnable<OverridesChoice?>
{
    private readonly TextField _feed;
    private readonly TextField _power;

    public OverridesDialog(int feedPercent, int powerPercent)
    {
        Title = "Overrides in % of the recipe (Esc to cancel)";
        Width = 50;
        Height = 9;
        X = Pos.Center();
        Y = Pos.Center();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;
        var feedLabel = new Label { Text = "Feed %:", X = 1, Y = 1 };
        _feed = new TextField { Text = $"{feedPercent}", X = 10, Y = 1, Width = 8 };
        var powerLabel = new Label { Text = "Power %:", X = 1, Y = 3 };
        _power = new TextField { Text = $"{powerPercent}", X = 10, Y = 3, Width = 8 };
        var set = new Button { Text = "Set", X = Pos.Center(), Y = 5, IsDefault = true };
        set.Accepting += (_, e) =>
        {
            e.Handled = true;
            Result = new OverridesChoice(_feed.Text.Trim(), _power.Text.Trim());
            App?.RequestStop();
        };
        Add(feedLabel, _feed, powerLabel, _power, set);
        _feed.SetFocus();
    }
}
