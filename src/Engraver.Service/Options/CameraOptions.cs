using System.ComponentModel.DataAnnotations;
using Engraver.Hardware.Camera;

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

    /// <summary>For OpenCv: the device index (0 = /dev/video0); <see cref="Device"/> names a device by path instead.</summary>
    [Range(0, 63)]
    public int DeviceIndex { get; set; }

    /// <summary>For OpenCv: the device by path (/dev/video2, a stable /dev/v4l/by-id/... link) or index; wins over
    /// <see cref="DeviceIndex"/> when set. An image or video file OpenCV reads stands in for a camera when trying a setup.</summary>
    public string? Device { get; set; }

    /// <summary>For OpenCv: a fixed exposure in the driver's units (auto exposure is switched off); none leaves the driver's.</summary>
    public double? Exposure { get; set; }

    /// <summary>For OpenCv: a fixed gain in the driver's units.</summary>
    public double? Gain { get; set; }

    /// <summary>For OpenCv: a fixed focus in the driver's units (auto focus is switched off).</summary>
    public double? Focus { get; set; }

    /// <summary>For OpenCv: auto focus on or off; none leaves the driver's.</summary>
    public bool? AutoFocus { get; set; }

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

    /// <summary>For Simulated: how the material answers a burn (Camera:Material:*).</summary>
    public MaterialOptions Material { get; set; } = new();

    /// <summary>How to open the real camera: <see cref="Device"/> if set, else <see cref="DeviceIndex"/>, each named by its key.</summary>
    public CameraSettings ToSettings() =>
        new(string.IsNullOrWhiteSpace(Device) ? DeviceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) : Device.Trim(), WidthPx, HeightPx, MillimetresPerPixel)
        {
            DeviceKey = string.IsNullOrWhiteSpace(Device) ? "Camera:DeviceIndex" : "Camera:Device",
            Exposure = Exposure,
            Gain = Gain,
            Focus = Focus,
            AutoFocus = AutoFocus,
        };
}
