using Engraver.Core.Geometry;

namespace Engraver.Core.Fixture;

/// <summary>A tray of pins in rows and columns. Slot 0 is at <see cref="Origin"/>; slots run along a row
/// (+X by <see cref="PitchX"/>) and then to the next row (+Y by <see cref="PitchY"/>). Machine millimetres.
/// <see cref="FocusZ"/> is the machine Z that puts a pin tip of this tray in the laser's focus (tip height
/// and focal length folded together for the pin profile); the camera is focused at the same plane.</summary>
public sealed record TrayFixture(int Rows, int Columns, double PitchX, double PitchY, Point2 Origin, double FocusZ = 0)
{
    public int SlotCount => Rows * Columns;

    public Point2 SlotCentre(int slot)
    {
        if (slot < 0 || slot >= SlotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"The tray has slots 0 to {SlotCount - 1}.");
        }

        var row = slot / Columns;
        var column = slot % Columns;
        return new Point2(Origin.X + (column * PitchX), Origin.Y + (row * PitchY));
    }
}
