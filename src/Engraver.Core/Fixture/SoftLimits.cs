using System.Globalization;
using Engraver.Core.Geometry;

namespace Engraver.Core.Fixture;

/// <summary>The machine's reachable XY travel, machine millimetres (GRBL $130/$131 from the homing corner).</summary>
public sealed record SoftLimits(double MinX, double MaxX, double MinY, double MaxY)
{
    public bool Contains(Point2 point) => point.X >= MinX && point.X <= MaxX && point.Y >= MinY && point.Y <= MaxY;

    /// <summary>Every position a tray asks for: each slot under the laser, and under the camera
    /// (slot centre minus the camera offset). Returns one line per position out of reach; empty when all fit.</summary>
    public IReadOnlyList<string> Check(TrayFixture tray, Point2 cameraOffset)
    {
        ArgumentNullException.ThrowIfNull(tray);
        var problems = new List<string>();
        for (var slot = 0; slot < tray.SlotCount; slot++)
        {
            var centre = tray.SlotCentre(slot);
            Add(centre, slot, "under the laser");
            Add(centre - cameraOffset, slot, "under the camera");
        }

        return problems;

        void Add(Point2 point, int slot, string where)
        {
            if (!Contains(point))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"slot {slot} {where} is at X{point.X:0.###} Y{point.Y:0.###}, outside the soft limits X {MinX:0.###}..{MaxX:0.###}, Y {MinY:0.###}..{MaxY:0.###}"));
            }
        }
    }
}
