using System.Globalization;
using Engraver.Core.Calibration;
using Engraver.Core.Fixture;
using Engraver.Core.GCode;
using Engraver.Core.Geometry;
using Engraver.Core.Station;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Service.Station;
using Engraver.Vision.Calibration;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Engraver.Service.Calibration;

/// <summary>What a calibration measured: the fit, the focus sweep and the dots the camera found.</summary>
public sealed record CalibrationMeasurement(CameraFitResult Fit, double FocusZMm, IReadOnlyList<FocusSample> Sweep, int DotsFound, int DotsBurned);

/// <summary>A calibration that measured something it cannot stand behind: the reason, and what it measured (for
/// the residuals) when it got as far as a fit.</summary>
public sealed class CalibrationRefusedException(string why, CalibrationMeasurement? measured = null) : Exception(why)
{
    public CalibrationMeasurement? Measured { get; } = measured;
}

/// <summary>Measures the camera on the station's own rig, as a pin is made: the fiducial is burned on the coupon
/// in the calibration slot through the station's state machine (StartPin, Positioned, Focused: the laser-enable
/// output is on only in Engraving, with the interlocks' leave), streamed to the controller like any mark; then the
/// coupon goes under the camera at the offset the station believes, a Z sweep finds where the camera is sharpest,
/// and a frame there gives the dots for the fit. Any fault stops the controller at once (laser off) before it is
/// passed on. The station must be connected, homed and started.</summary>
public sealed partial class CameraCalibrator(
    StationRig rig, StationLoop station, TrayFixture tray, StationCameraGeometry prior, Recipe recipe, ILogger logger)
{
    /// <summary>Z step of the focus sweep; well inside a depth of field of a tenth of a millimetre.</summary>
    public const double FocusStepMm = 0.05;

    public FiducialPattern Pattern { get; init; } = FiducialPattern.Default;

    /// <summary>Width of a burned line, for the size of a dot in the picture.</summary>
    public double LineWidthMm { get; init; } = 0.012;

    public async Task<CalibrationMeasurement> MeasureAsync(int slot, double focusRangeMm, double maxResidualMm, CancellationToken cancellationToken)
    {
        var centre = tray.SlotCentre(slot);
        var head = centre - prior.OffsetMm;
        RefuseOutOfReach(slot, centre, head, focusRangeMm);
        var camera = rig.Devices.RawCamera;
        try
        {
            await station.FireAsync(StationTrigger.StartPin, cancellationToken).ConfigureAwait(false);
            await MoveAsync(centre, new Point2(0, 0), tray.FocusZ, cancellationToken).ConfigureAwait(false);
            await station.FireAsync(StationTrigger.Positioned, cancellationToken).ConfigureAwait(false);
            await station.FireAsync(StationTrigger.Focused, cancellationToken).ConfigureAwait(false);
            var program = GCodeEmitter.Emit(Pattern.ToToolpath(), recipe, rig.Firmware);
            await rig.Controller.StreamAsync(program.Lines, null, cancellationToken).ConfigureAwait(false);
            await rig.Controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
            await station.FireAsync(StationTrigger.Engraved, cancellationToken).ConfigureAwait(false);
            LogBurned(logger, Pattern.Dots.Count, slot, centre.X, centre.Y);

            // Under the camera where the station believes it is: the fit measures how far that belief is off.
            var predicted = Pattern.Dots.Select(ToPredictedPixel).ToList();
            var sweep = await SweepFocusAsync(centre, camera, predicted, focusRangeMm, cancellationToken).ConfigureAwait(false);
            if (FocusPeak.PeakAtEdge(sweep))
            {
                throw new CalibrationRefusedException(string.Create(CultureInfo.InvariantCulture,
                    $"the focus sweep from Z {sweep.Min(s => s.ZMm):0.000} to {sweep.Max(s => s.ZMm):0.000} mm is sharpest at its end: the focus lies beyond it (set Fixture:FocusZMm nearer, or widen Camera:CalibrationFocusRangeMm)"));
            }

            var focus = Math.Round(FocusPeak.Find(sweep), 4);
            await MoveAsync(centre, prior.OffsetMm * -1, focus, cancellationToken).ConfigureAwait(false);
            using var frame = await camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
            await station.FireAsync(StationTrigger.Captured, cancellationToken).ConfigureAwait(false);
            await station.FireAsync(StationTrigger.Recorded, cancellationToken).ConfigureAwait(false);
            return Fit(frame, head, predicted, focus, sweep, maxResidualMm);
        }
        catch (Exception fault) when (fault is not CalibrationRefusedException && !cancellationToken.IsCancellationRequested)
        {
            // Whatever failed, the laser goes off before anything else: a controller still running would burn on.
            // (A refused measurement is no fault: the machine stands still under the camera, the laser off.)
            await rig.Controller.StopNowAsync().ConfigureAwait(false);
            throw;
        }
    }

    private CalibrationMeasurement Fit(CameraFrame frame, Point2 head, IReadOnlyList<Point2d> predicted, double focus, IReadOnlyList<FocusSample> sweep, double maxResidualMm)
    {
        var dots = Pattern.Dots;
        var dotPx = ((2 * Pattern.ArmMm) + LineWidthMm) / prior.MillimetresPerPixel;
        var (cx, cy) = ((frame.Image.Cols - 1) / 2.0, (frame.Image.Rows - 1) / 2.0);
        var found = FiducialFinder.Find(frame.Image, predicted.Select(p => new Point2d(cx + p.X, cy - p.Y)).ToList(), dotPx, Pattern.PitchMm / 2 / prior.MillimetresPerPixel);
        var sightings = dots.Zip(found)
            .Where(p => p.Second is not null)
            .Select(p => new FiducialSighting(p.First + head + prior.OffsetMm, new Point2(p.Second!.Value.X - cx, cy - p.Second.Value.Y)))
            .ToList();
        if (sightings.Count < dots.Count)
        {
            var fitted = sightings.Count >= CameraFit.MinimumSightings ? CameraFit.Fit(head, sightings) : null;
            throw new CalibrationRefusedException(
                $"the camera found {sightings.Count} of the {dots.Count} fiducial dots near where they were expected: a dot that did not burn or show, or a camera far from its configured offset; nothing is fitted on part of the pattern",
                fitted is null ? null : new CalibrationMeasurement(fitted, focus, sweep, sightings.Count, dots.Count));
        }

        var fit = CameraFit.Fit(head, sightings);
        var measured = new CalibrationMeasurement(fit, focus, sweep, sightings.Count, dots.Count);
        if (fit.MaxResidualMm > maxResidualMm)
        {
            throw new CalibrationRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"the fit leaves a residual of {fit.MaxResidualMm:0.0000} mm at its worst dot (RMS {fit.RmsResidualMm:0.0000} mm), above Camera:CalibrationMaxResidualMm {maxResidualMm:0.0000} mm: the camera does not map the coupon as one offset, scale and rotation (lens distortion, a dot misplaced, a loose camera)"),
                measured);
        }

        return measured;
    }

    /// <summary>Where a dot should show with the geometry the station believes: pixels from the image centre, +Y up.</summary>
    private Point2d ToPredictedPixel(Point2 dot)
    {
        var (sin, cos) = Math.SinCos(-prior.RotationDeg * Math.PI / 180);
        var u = ((dot.X * cos) - (dot.Y * sin)) / prior.MillimetresPerPixel;
        var v = ((dot.X * sin) + (dot.Y * cos)) / prior.MillimetresPerPixel;
        return new Point2d(u, v);
    }

    private async Task<IReadOnlyList<FocusSample>> SweepFocusAsync(
        Point2 centre, ICamera camera, IReadOnlyList<Point2d> predictedFromCentre, double rangeMm, CancellationToken cancellationToken)
    {
        var steps = (int)Math.Round(rangeMm / FocusStepMm);
        var sweep = new List<FocusSample>();
        for (var i = -steps; i <= steps; i++)
        {
            var z = Math.Round(tray.FocusZ + (i * FocusStepMm), 4);
            await MoveAsync(centre, prior.OffsetMm * -1, z, cancellationToken).ConfigureAwait(false);
            using var frame = await camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
            var sharpness = FocusSharpness.VarianceOfLaplacian(frame.Image, PatternRegion(frame.Image, predictedFromCentre));
            sweep.Add(new FocusSample(z, sharpness));
        }

        return sweep;
    }

    /// <summary>The part of the frame the pattern should fill, with a margin of half a pitch.</summary>
    private Rect PatternRegion(Mat image, IReadOnlyList<Point2d> predictedFromCentre)
    {
        var margin = Pattern.PitchMm / prior.MillimetresPerPixel;
        var (cx, cy) = ((image.Cols - 1) / 2.0, (image.Rows - 1) / 2.0);
        var left = (int)Math.Floor(cx + predictedFromCentre.Min(p => p.X) - margin);
        var right = (int)Math.Ceiling(cx + predictedFromCentre.Max(p => p.X) + margin);
        var top = (int)Math.Floor(cy - predictedFromCentre.Max(p => p.Y) - margin);
        var bottom = (int)Math.Ceiling(cy - predictedFromCentre.Min(p => p.Y) + margin);
        return new Rect(left, top, right - left, bottom - top);
    }

    /// <summary>Sets the G54 origin to the coupon centre and moves so that <paramref name="local"/> is under the laser at <paramref name="z"/>.</summary>
    private async Task MoveAsync(Point2 couponCentre, Point2 local, double z, CancellationToken cancellationToken)
    {
        var controller = rig.Controller;
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G10 L2 P1 X{couponCentre.X:0.####} Y{couponCentre.Y:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.SendCommandAsync(string.Create(CultureInfo.InvariantCulture, $"G0 X{local.X:0.####} Y{local.Y:0.####} Z{z:0.####}"), cancellationToken).ConfigureAwait(false);
        await controller.WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Before anything moves: the coupon under the laser, and under the camera over the whole sweep, in the travel.</summary>
    private void RefuseOutOfReach(int slot, Point2 centre, Point2 head, double focusRangeMm)
    {
        var problems = new List<string>();
        problems.AddRange(rig.Travel.Refuse(new Point3(centre, tray.FocusZ)).Select(p => "under the laser: " + p));
        problems.AddRange(rig.Travel.Refuse(new Point3(head, tray.FocusZ - focusRangeMm)).Select(p => "under the camera, lowest Z of the sweep: " + p));
        problems.AddRange(rig.Travel.Refuse(new Point3(head, tray.FocusZ + focusRangeMm)).Select(p => "under the camera, highest Z of the sweep: " + p));
        if (problems.Count > 0)
        {
            throw new StationConfigurationException(
                $"The calibration coupon in slot {slot} (Camera:CalibrationSlot) cannot be reached: {string.Join("; ", problems)}. Nothing moved.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calibration fiducial burned: {Dots} dots on the coupon in slot {Slot} at X {X} Y {Y}")]
    private static partial void LogBurned(ILogger logger, int dots, int slot, double x, double y);
}
