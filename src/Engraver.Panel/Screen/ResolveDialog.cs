using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Engraver.Panel.Screen;

/// <summary>A supervisor's decision on a pin that needs inspection.</summary>
public sealed record Resolution(string Serial, bool Verified, string Note);

/// <summary>Asks which pin (the one waiting for inspection filled in, still editable), Scrap or Verified, and
/// why. Scrap records the pin Rejected: the serial goes back in its job's queue for a fresh pin while attempts
/// are left, else it needs a new pin.</summary>
public sealed class ResolveDialog : Runnable<Resolution?>
{
    private readonly TextField _serial;
    private readonly TextField _note;

    public ResolveDialog(string? serial)
    {
        Title = "Resolve inspection (Esc to cancel)";
        Width = 70;
        Height = 9;
        X = Pos.Center();
        Y = Pos.Center();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;
        var serialLabel = new Label { Text = "Serial:", X = 1, Y = 1 };
        _serial = new TextField { Text = serial ?? string.Empty, X = 9, Y = 1, Width = Dim.Fill(2) };
        var noteLabel = new Label { Text = "Note:", X = 1, Y = 3 };
        _note = new TextField { X = 9, Y = 3, Width = Dim.Fill(2) };
        var rejected = new Button { Text = "Scrap", X = Pos.Center() - 12, Y = 5 };
        var verified = new Button { Text = "Verified", X = Pos.Center() + 2, Y = 5 };
        rejected.Accepting += (_, e) => Decide(e, verified: false);
        verified.Accepting += (_, e) => Decide(e, verified: true);
        Add(serialLabel, _serial, noteLabel, _note, rejected, verified);
        (string.IsNullOrEmpty(serial) ? _serial : _note).SetFocus();
    }

    private void Decide(Terminal.Gui.Input.CommandEventArgs e, bool verified)
    {
        e.Handled = true;
        Result = new Resolution(_serial.Text.Trim(), verified, _note.Text.Trim());
        App?.RequestStop();
    }
}
