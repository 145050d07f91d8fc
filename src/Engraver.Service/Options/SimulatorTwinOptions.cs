using System.ComponentModel.DataAnnotations;
using Engraver.Core.Geometry;
using Engraver.Simulator.Camera;

namespace Engraver.Service.Options;

/// <summary>The station twin's own truth, apart from what the station is configured or calibrated with: with
/// <c>Camera:Kind</c> Simulated the camera twin renders with these, so calibration has something real to recover.
/// Unset, the twin is exactly as the station is configured (Camera:OffsetXMm, ...) and always in focus.</summary>
public sealed class SimulatorTwinOptions
{
    public const string Section = "Simulator";

    public SimulatorCameraOptions Camera { get; set; } = new();
}

/// <summary>Simulator:Camera: where the twin's camera really looks, its true scale and turn, and its focus.</summary>
public sealed class SimulatorCameraOptions
{
    /// <summary>The camera's true offset from the laser (machine mm); unset, Camera:OffsetXMm.</summary>
    [Range(-500.0, 500.0)]
    public double? OffsetXMm { get; set; }

    [Range(-500.0, 500.0)]
    public double? OffsetYMm { get; set; }

    /// <summary>The true scale; unset, Camera:MillimetresPerPixel.</summary>
    [Range(0.0001, 1.0)]
    public double? MillimetresPerPixel { get; set; }

    /// <summary>The camera's turn about its axis, counter-clockwise seen from above, degrees.</summary>
    [Range(-45.0, 45.0)]
    public double RotationDeg { get; set; }

    /// <summary>The machine Z at which the twin's camera is sharp; unset, every frame is in focus.</summary>
    [Range(-1000.0, 1000.0)]
    public double? FocusZMm { get; set; }

    /// <summary>Depth of field in mm of Z (half of it either side of the focus).</summary>
    [Range(0.0, 10.0)]
    public double DepthOfFieldMm { get; set; } = 0.1;

    /// <summary>Beyond the depth of field: blur (standard deviation at the object, mm) per mm of Z.</summary>
    [Range(0.0, 1.0)]
    public double DefocusBlurPerMm { get; set; } = 0.05;

    /// <summary>Radial lens distortion: the fraction a point at the frame's corner is pushed out from the centre.</summary>
    [Range(-0.5, 0.5)]
    public double RadialDistortion { get; set; }

    /// <summary>Sensor noise, standard deviation in grey levels.</summary>
    [Range(0.0, 100.0)]
    public double NoiseSigma { get; set; } = 3.0;

    /// <summary>The twin's settings for a station configured with <paramref name="camera"/>: the frame is stamped
    /// with the configured scale (what the station believes); the picture is rendered with the truth.</summary>
    public SimulatedCameraOptions ToTwin(CameraOptions camera, IReadOnlyList<Point2> tipCentres)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return new SimulatedCameraOptions
        {
            WidthPx = camera.WidthPx,
            HeightPx = camera.HeightPx,
            MillimetresPerPixel = MillimetresPerPixel ?? camera.MillimetresPerPixel,
            ReportedMillimetresPerPixel = camera.MillimetresPerPixel,
            CameraOffsetMm = new Point2(OffsetXMm ?? camera.OffsetXMm, OffsetYMm ?? camera.OffsetYMm),
            RotationDeg = RotationDeg,
            FocusZMm = FocusZMm,
            DepthOfFieldMm = DepthOfFieldMm,
            DefocusBlurPerMm = DefocusBlurPerMm,
            RadialDistortion = RadialDistortion,
            NoiseSigma = NoiseSigma,
            TipCentresMm = tipCentres,
        };
    }
}
