using Engraver.Core.Calibration;
using Engraver.Core.Geometry;
using Engraver.Service.Options;

namespace Engraver.Service.Calibration;

/// <summary>The camera geometry and focus height the station works with: the calibration's when there is one,
/// else the typed-in Camera:OffsetXMm/OffsetYMm, Camera:MillimetresPerPixel and Fixture:FocusZMm (no rotation).</summary>
public sealed record StationCameraGeometry(Point2 OffsetMm, double MillimetresPerPixel, double RotationDeg, double FocusZMm, CameraCalibration? Calibration)
{
    /// <summary>The id every pin record names; null when the station runs on typed-in values.</summary>
    public string? CalibrationId => Calibration?.Id;

    public static StationCameraGeometry From(CameraOptions camera, FixtureOptions fixture, CameraCalibration? calibration)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(fixture);
        return calibration is null
            ? new(new Point2(camera.OffsetXMm, camera.OffsetYMm), camera.MillimetresPerPixel, 0, fixture.FocusZMm, null)
            : new(calibration.OffsetMm, calibration.MillimetresPerPixel, calibration.RotationDeg, calibration.FocusZMm, calibration);
    }

    /// <summary>One line for the log and the status: which values the station runs under.</summary>
    public string Describe() => Calibration is { } c
        ? FormattableString.Invariant($"calibration {c.Id} ({c.CalibratedAt:yyyy-MM-dd HH:mm} UTC by {c.CalibratedBy}): offset X {OffsetMm.X:0.0000} Y {OffsetMm.Y:0.0000} mm, {MillimetresPerPixel:0.000000} mm/px, rotation {RotationDeg:0.000} deg, focus Z {FocusZMm:0.000} mm")
        : FormattableString.Invariant($"no calibration (typed-in values): offset X {OffsetMm.X:0.0000} Y {OffsetMm.Y:0.0000} mm, {MillimetresPerPixel:0.000000} mm/px, focus Z {FocusZMm:0.000} mm");
}
