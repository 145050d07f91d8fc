using System.Globalization;
using OpenCvSharp;

namespace Engraver.Hardware.Camera;

/// <summary>One setting asked of the camera driver: what was asked, what the driver reports afterwards, and
/// whether it took it (a driver that does not offer a control refuses it or reports another value).</summary>
public sealed record CameraControl(string Name, double Asked, double Reported, bool Taken)
{
    public override string ToString() => Taken
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} {Reported:0.###}")
        : string.Create(CultureInfo.InvariantCulture, $"{Name}: asked {Asked:0.###}, the driver reports {Reported:0.###} (not offered or not taken)");
}

/// <summary>Asks the driver for the configured resolution, focus, exposure and gain (V4L2 controls on Linux), in
/// that order: auto focus and auto exposure are switched off first when a fixed value is given.</summary>
internal static class CameraControls
{
    // V4L2's V4L2_EXPOSURE_MANUAL, as OpenCV's V4L2 backend passes CAP_PROP_AUTO_EXPOSURE through.
    private const double ManualExposure = 1;

    public static IReadOnlyList<CameraControl> Apply(VideoCapture capture, CameraSettings settings)
    {
        var controls = new List<CameraControl>
        {
            Ask(capture, "width", VideoCaptureProperties.FrameWidth, settings.WidthPx),
            Ask(capture, "height", VideoCaptureProperties.FrameHeight, settings.HeightPx),
        };
        if (settings.AutoFocus is { } autoFocus)
        {
            controls.Add(Ask(capture, "auto focus", VideoCaptureProperties.AutoFocus, autoFocus ? 1 : 0));
        }

        if (settings.Focus is { } focus)
        {
            capture.Set(VideoCaptureProperties.AutoFocus, 0);
            controls.Add(Ask(capture, "focus", VideoCaptureProperties.Focus, focus));
        }

        if (settings.Exposure is { } exposure)
        {
            capture.Set(VideoCaptureProperties.AutoExposure, ManualExposure);
            controls.Add(Ask(capture, "exposure", VideoCaptureProperties.Exposure, exposure));
        }

        if (settings.Gain is { } gain)
        {
            controls.Add(Ask(capture, "gain", VideoCaptureProperties.Gain, gain));
        }

        return controls;
    }

    private static CameraControl Ask(VideoCapture capture, string name, VideoCaptureProperties property, double value)
    {
        var accepted = capture.Set(property, value);
        var reported = capture.Get(property);
        return new CameraControl(name, value, reported, accepted && Math.Abs(reported - value) <= Math.Max(1e-6, Math.Abs(value) * 0.01));
    }
}
