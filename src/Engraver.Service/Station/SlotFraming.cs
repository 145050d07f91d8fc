using System.Globalization;
using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Core.Layout;

namespace Engraver.Service.Station;

/// <summary>What a framing trace did: the slot, the outline's corners in machine millimetres, and how the laser was
/// kept while it ran.</summary>
public sealed record FramingResult(int Slot, IReadOnlyList<Point3> Corners, string Laser);

/// <summary>Traces the outline of the marking (<see cref="MarkOutline"/>) over a slot with the laser off, so the
/// operator sees where the mark will go before a tray's first pin. The firmware profiles name no pointer power (a
/// low power that shows a spot without marking), so the trace never switches the laser on: every line sent is
/// motion or the profile's laser-off command, and it ends with the laser-off command.</summary>
public static class SlotFraming
{
    public const string LaserOff = "laser off: the firmware profile names no pointer power";

    /// <summary>Feed of the trace, slow enough to follow by eye.</summary>
    public const double FeedMmPerMin = 300;

    public static async Task<FramingResult> TraceAsync(StationRig rig, TrayFixture tray, PinProfile pin, int slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(tray);
        var centre = SlotMoves.Centre(tray, slot);
        var corners = MarkOutline.Corners(pin);
        var machine = corners.Select(c => new Point3(centre + c, tray.FocusZ)).ToList();
        SlotMoves.CheckReach(rig, $"Framing slot {slot}", machine);

        var controller = rig.Controller;
        var off = rig.Firmware.Laser.OffCommand;
        await SlotMoves.MoveAsync(rig, tray, centre, corners[0], cancellationToken).ConfigureAwait(false);
        foreach (var corner in corners.Skip(1).Append(corners[0]))
        {
            await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G1 X{corner.X:0.####} Y{corner.Y:0.####} F{FeedMmPerMin:0}"), cancellationToken).ConfigureAwait(false);
        }

        await controller.SendCommandAsync(off, cancellationToken).ConfigureAwait(false);
        await controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
        return new FramingResult(slot, machine, LaserOff);
    }
}
