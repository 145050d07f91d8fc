using Engraver.Core.Fixture;
using Engraver.Core.Geometry;

namespace Engraver.Service.Station;

/// <summary>Where on a slot an operator sends the machine: the slot centre under the laser, or under the camera.</summary>
public enum SlotPlace
{
    Laser,
    Camera,
}

/// <summary>An operator's go-to-slot: the slot's centre under the laser or the camera, at the tray's focus Z, with
/// the laser off; the slot and the target are checked before anything is sent.</summary>
public static class SlotGoto
{
    /// <summary>Moves there and returns the machine position it went to.</summary>
    public static async Task<Point3> GoAsync(StationRig rig, TrayFixture tray, Point2 cameraOffset, int slot, SlotPlace place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(tray);
        var centre = SlotMoves.Centre(tray, slot);
        var local = place == SlotPlace.Camera ? cameraOffset * -1 : new Point2(0, 0);
        var target = new Point3(centre + local, tray.FocusZ);
        SlotMoves.CheckReach(rig, $"Slot {slot} under the {place.ToString().ToLowerInvariant()}", [target]);
        await SlotMoves.MoveAsync(rig, tray, centre, local, cancellationToken).ConfigureAwait(false);
        return target;
    }
}
