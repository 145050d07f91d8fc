using Engraver.Panel.Status;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Engraver.Panel.Screen;

/// <summary>The banner's colours, the same as the stack light on the station.</summary>
public static class StackLightScheme
{
    public static Scheme For(StackLightColour colour) => colour switch
    {
        StackLightColour.Green => new Scheme(new Attribute(Color.Black, Color.Green)),
        StackLightColour.Amber => new Scheme(new Attribute(Color.Black, Color.BrightYellow)),
        StackLightColour.Red => new Scheme(new Attribute(Color.White, Color.Red)),
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "No scheme for this stack light colour."),
    };
}
