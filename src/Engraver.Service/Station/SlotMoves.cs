using System.Globalization;
using Engraver.Core.Fixture;
using Engraver.Core.Geometry;

namespace Engraver.Service.Station;

/// <summary>Where an operator's move goes on the tray, checked before anything is sent: the slot is one the tray
/// has, and every target is inside the machine's travel as the controller lists it.</summary>
public static class SlotMoves
{
    /// <summary>The slot's centre; refuses a slot the tray does not have, naming its range.</summary>
    public static Point2 Centre(TrayFixture tray, int slot)
    {
        ArgumentNullException.ThrowIfNull(tray);
        if (slot < 0 || slot >= tray.SlotCount)
        {
            throw new ManualMotionRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"There is no slot {slot}: the tray (Fixture:Rows {tray.Rows} x Fixture:Columns {tray.Columns}) has slots 0 to {tray.SlotCount - 1}. Nothing was sent."));
        }

        return tray.SlotCentre(slot);
    }

    /// <summary>Refuses targets outside the travel, naming each, before anything is sent.</summary>
    public static void CheckReach(StationRig rig, string what, IEnumerable<Point3> targets)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var problems = targets.SelectMany(t => rig.Travel.Refuse(t)).Distinct().ToList();
        if (problems.Count > 0)
        {
            throw new ManualMotionRefusedException($"{what} leaves the machine's travel ({rig.Travel.Describe()}): {string.Join("; ", problems)}. Nothing was sent.");
        }
    }

    /// <summary>As a pin's positioning does: the G54 origin at the slot centre, the laser off, then a rapid move to
    /// <paramref name="local"/> (pin-local) at the tray's focus Z; returns once the machine has stopped there.</summary>
    public static async Task MoveAsync(StationRig rig, TrayFixture tray, Point2 centre, Point2 local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(tray);
        var controller = rig.Controller;
        await controller.SendCommandAsync(rig.Firmware.Laser.OffCommand + " S0", cancellationToken).ConfigureAwait(false);
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G10 L2 P1 X{centre.X:0.####} Y{centre.Y:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G90 G0 X{local.X:0.####} Y{local.Y:0.####} Z{tray.FocusZ:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
    }
}
