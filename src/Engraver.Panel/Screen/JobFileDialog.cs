using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Engraver.Panel.Screen;

/// <summary>Asks for the path of a job file (CSV or JSON) to submit.</summary>
public sealed class JobFileDialog : Runnable<string?>
{
    private readonly TextField _path;

    public JobFileDialog()
    {
        Title = "Submit job file (Esc to cancel)";
        Width = 70;
        Height = 7;
        X = Pos.Center();
        Y = Pos.Center();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;
        var label = new Label { Text = "File:", X = 1, Y = 1 };
        _path = new TextField { X = 8, Y = 1, Width = Dim.Fill(2) };
        var submit = new Button { Text = "Submit", X = Pos.Center(), Y = 3, IsDefault = true };
        submit.Accepting += (_, e) =>
        {
            e.Handled = true;
            Result = _path.Text.Trim();
            App?.RequestStop();
        };
        Add(label, _path, submit);
        _path.SetFocus();
    }
}
