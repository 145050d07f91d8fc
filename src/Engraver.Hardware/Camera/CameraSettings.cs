using System.Globalization;

namespace Engraver.Hardware.Camera;

/// <summary>How to open a real camera and what to ask of it. <see cref="Device"/> is a device index ("0") or a
/// path (/dev/video2, /dev/v4l/by-id/usb-..., or an image or video file OpenCV can read, which is how a setup is
/// tried without the camera). Exposure, gain and focus are in the driver's own units and are set only when
/// given; whether the driver took each is reported by <see cref="OpenCvCamera.Controls"/>.</summary>
public sealed record CameraSettings(string Device, int WidthPx, int HeightPx, double MillimetresPerPixel)
{
    /// <summary>The configuration key <see cref="Device"/> came from, named in every error.</summary>
    public string DeviceKey { get; init; } = "Camera:Device";

    public double? Exposure { get; init; }

    public double? Gain { get; init; }

    public double? Focus { get; init; }

    public bool? AutoFocus { get; init; }

    /// <summary>The device as an index, when it is one.</summary>
    public int? Index => int.TryParse(Device, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>"Camera:Device 2 (/dev/video2)" or "Camera:Device /dev/v4l/by-id/...".</summary>
    public string Describe() => Index is { } index && OperatingSystem.IsLinux()
        ? $"{DeviceKey} {index} (/dev/video{index})"
        : $"{DeviceKey} {Device}";
}
