using System.Globalization;
using Engraver.Core.GCode;
using Engraver.Core.Geometry;
using Engraver.Core.MaterialTest;
using Engraver.Core.Station;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Grbl;
using Engraver.Service.Station;

namespace Engraver.Service.MaterialTest;

/// <summary>Burns one material-test cell and photographs it, through the station loop as a pin goes: StartPin
/// (refused unless homed, started and the interlocks are ready), the move to the cell with the coupon's surface
/// at the focus Z, Engraving (the only state in which laser-enable is on) while the cell's G-code streams to the
/// controller, then the move under the camera and the capture. Any fault stops the controller at once (feed hold
/// and soft reset: the laser goes off) and leaves the station in the state that fault puts it in.</summary>
public sealed class GridCellBurner(HostedStation station, CellPattern pattern, Point2 couponCentre, Point2 cameraOffset, double focusZ)
{
    /// <summary>Burns <paramref name="cell"/> and returns the frame of it (the caller disposes it) and the SHA-256 of
    /// the G-code burned.</summary>
    public async Task<BurnedCell> BurnAsync(GridCell cell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var rig = station.Rig;
        var loop = station.Loop;
        var recipe = new Recipe("test-grid " + cell.Name, cell.PowerFraction, cell.FeedMmPerMin, 1);
        var program = GCodeEmitter.Emit(pattern.Toolpath, recipe, rig.Firmware);
        var centre = couponCentre + cell.OffsetMm;
        try
        {
            await loop.FireAsync(StationTrigger.StartPin, cancellationToken).ConfigureAwait(false);
            await MoveToAsync(rig, centre, new Point2(0, 0), cancellationToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Positioned, cancellationToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Focused, cancellationToken).ConfigureAwait(false);
            await rig.Controller.StreamAsync(program.Lines, null, cancellationToken).ConfigureAwait(false);
            await rig.Controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
            await loop.FireAsync(StationTrigger.Engraved, cancellationToken).ConfigureAwait(false);
            await MoveToAsync(rig, centre, cameraOffset * -1, cancellationToken).ConfigureAwait(false);
            var frame = await rig.Camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await loop.FireAsync(StationTrigger.Captured, cancellationToken).ConfigureAwait(false);
                await loop.FireAsync(StationTrigger.Recorded, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                frame.Dispose();
                throw;
            }

            return new BurnedCell(cell, frame, program.Sha256Hex, centre);
        }
        catch (Exception fault) when (fault is not StationRefusedException { Trigger: StationTrigger.StartPin })
        {
            await StopAsync(rig, loop, fault).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Laser off and motion stopped, whatever went wrong; the station follows the fault (an alarm, a lost
    /// link) or, for anything else, holds the cell as one whose outcome is unknown, so nothing starts again by itself.</summary>
    private static async Task StopAsync(StationRig rig, StationLoop loop, Exception fault)
    {
        await rig.Controller.StopNowAsync().ConfigureAwait(false);
        var trigger = fault switch
        {
            GrblLinkLostException => StationTrigger.LinkLost,
            GrblAlarmException => StationTrigger.AlarmRaised,
            _ => StationTrigger.OutcomeUnknown,
        };
        try
        {
            await loop.FireAsync(trigger, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StationRefusedException)
        {
            // The station already left the cell (an alarm, an e-stop, a door): that state stands.
        }
    }

    /// <summary>Sets the G54 origin to the cell centre and moves so that <paramref name="local"/> is under the laser,
    /// the coupon's surface at the focus Z, as a pin is positioned.</summary>
    private async Task MoveToAsync(StationRig rig, Point2 cellCentre, Point2 local, CancellationToken cancellationToken)
    {
        var controller = rig.Controller;
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G10 L2 P1 X{cellCentre.X:0.####} Y{cellCentre.Y:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G0 X{local.X:0.####} Y{local.Y:0.####} Z{focusZ:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A burned cell: its frame (owned by the holder), the SHA-256 of its G-code and its machine centre.</summary>
public sealed record BurnedCell(GridCell Cell, CameraFrame Frame, string GCodeSha256, Point2 MachineCentre) : IDisposable
{
    public void Dispose() => Frame.Dispose();
}
