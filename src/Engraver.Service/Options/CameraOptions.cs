using System.ComponentModel.DataAnnotations;

namespace Engraver.Service.Options;

public enum CameraKind
{
    Simulated,
    OpenCv,
}

/// <summary>The verification camera, mounted beside the laser at a fixed offset.</summary>
public sealed class CameraOptions
{
    public const string Section = "Camera";

    public CameraKind Kind { get; set; } = CameraKind.Simulated;

    /// <summary>For Simulated with a controller that is not the station twin: the executed-motion log of the
    /// GRBL firmware simulator behind <c>Controller:Port</c> (tools/grbl-peer prints it), which the camera
    /// twin photographs: what the firmware executed, not what was sent to it.</summary>
    public string? ExecutedLogPath { get; set; }

    /// <summary>For OpenCv: the device index (0 = /dev/video0).</summary>
    [Range(0, 63)]
    public int DeviceIndex { get; set; }

    /// <summary>Where the camera looks relative to the laser focus, machine mm.</summary>
    [Range(-500.0, 500.0)]
    public double OffsetXMm { get; set; } = 40.0;

    [Range(-500.0, 500.0)]
    public double OffsetYMm { get; set; }

    [Range(0.0001, 1.0)]
    public double MillimetresPerPixel { get; set; } = 0.002;

    [Range(64, 8192)]
    public int WidthPx { get; set; } = 1024;

    [Range(64, 8192)]
    public int HeightPx { get; set; } = 1024;
}
