using OpenCvSharp;

namespace Engraver.Hardware.Camera;

/// <summary>A real camera through OpenCV's VideoCapture (V4L2 on Linux, Media Foundation on Windows).
/// Opened lazily on the first capture so that a missing camera is reported where it matters, by name.</summary>
public sealed class OpenCvCamera(int deviceIndex, int widthPx, int heightPx, double millimetresPerPixel) : ICamera, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private VideoCapture? _capture;

    public async Task<CameraFrame> CaptureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(Grab, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _gate.Dispose();
    }

    private CameraFrame Grab()
    {
        var capture = _capture ??= Open();
        using var colour = new Mat();
        if (!capture.Read(colour) || colour.Empty())
        {
            throw new CameraUnavailableException($"The camera at Camera:DeviceIndex {deviceIndex} opened but returned no image; check the cable and that no other program holds it.");
        }

        var grey = new Mat();
        if (colour.Channels() == 1)
        {
            colour.CopyTo(grey);
        }
        else
        {
            Cv2.CvtColor(colour, grey, ColorConversionCodes.BGR2GRAY);
        }

        return new CameraFrame(grey, millimetresPerPixel);
    }

    private VideoCapture Open()
    {
        var capture = new VideoCapture(deviceIndex);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            var device = OperatingSystem.IsLinux() ? $" (/dev/video{deviceIndex})" : string.Empty;
            throw new CameraUnavailableException($"No camera answered at Camera:DeviceIndex {deviceIndex}{device}. Check that it is connected, or set Camera:Kind to Simulated for the station twin.");
        }

        capture.Set(VideoCaptureProperties.FrameWidth, widthPx);
        capture.Set(VideoCaptureProperties.FrameHeight, heightPx);
        return capture;
    }
}

public sealed class CameraUnavailableException(string message) : Exception(message);
