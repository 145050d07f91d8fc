using Engraver.Core.Fixture;
using Engraver.Core.Geometry;

namespace Engraver.Core.Machine;

/// <summary>Whether the machine can reach every position a tray asks for: each slot centre under the laser,
/// and under the camera (slot centre minus the camera offset), both at the tray's focus Z.</summary>
public static class TrayReach
{
    /// <summary>One line per position out of reach, naming slot, place and axis, e.g. "slot 5 under the camera:
    /// X -201.5 is outside the travel X -200..0 ($130=200)"; empty when the whole tray can be reached.</summary>
    public static IReadOnlyList<string> Check(MachineTravel travel, TrayFixture tray, Point2 cameraOffset)
    {
        ArgumentNullException.ThrowIfNull(travel);
        ArgumentNullException.ThrowIfNull(tray);
        var problems = new List<string>();
        for (var slot = 0; slot < tray.SlotCount; slot++)
        {
            var centre = tray.SlotCentre(slot);
            Add(slot, "under the laser", new Point3(centre, tray.FocusZ));
            Add(slot, "under the camera", new Point3(centre - cameraOffset, tray.FocusZ));
        }

        return problems;

        void Add(int slot, string place, Point3 position)
        {
            if (travel.Refuse(position) is { Count: > 0 } axes)
            {
                problems.Add($"slot {slot} {place}: {string.Join("; ", axes)}");
            }
        }
    }
}
