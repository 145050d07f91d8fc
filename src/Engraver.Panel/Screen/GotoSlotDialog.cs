using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Engraver.Panel.Screen;

/// <summary>Where the operator sends the machine: a slot, under the laser or under the camera.</summary>
public sealed record SlotChoice(string Slot, bool UnderCamera);

/// <summary>Asks for a tray slot (from 0); Enter or Laser goes there under the laser, Camera under the camera.</summary>
public sealed class GotoSlotDialog : Runnable<SlotChoice?>
{
    private readonly TextField _slot;

    public GotoSlotDialog()
    {
        Title = "Go to slot (Esc to cancel)";
        Width = 50;
        Height = 7;
        X = Pos.Center();
        Y = Pos.Center();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;
        var label = new Label { Text = "Slot:", X = 1, Y = 1 };
        _slot = new TextField { X = 8, Y = 1, Width = Dim.Fill(2) };
        var laser = new Button { Text = "Laser", X = Pos.Center() - 12, Y = 3, IsDefault = true };
        var camera = new Button { Text = "Camera", X = Pos.Center() + 2, Y = 3 };
        laser.Accepting += (_, e) => Choose(e, underCamera: false);
        camera.Accepting += (_, e) => Choose(e, underCamera: true);
        Add(label, _slot, laser, camera);
        _slot.SetFocus();
    }

    private void Choose(Terminal.Gui.Input.CommandEventArgs e, bool underCamera)
    {
        e.Handled = true;
        Result = new SlotChoice(_slot.Text.Trim(), underCamera);
        App?.RequestStop();
    }
}
