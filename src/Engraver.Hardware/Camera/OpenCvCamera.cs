using OpenCvSharp;

namespace Engraver.Hardware.Camera;

/// <summary>A real camera through OpenCV's VideoCapture (V4L2 on Linux, Media Foundation on Windows), opened by
/// index or by path. Opened lazily on the first capture so that a missing camera is reported where it matters,
/// by the setting that names it. Resolution, exposure, gain and focus are asked of the driver when configured;
/// <see cref="Controls"/> says which it took.</summary>
public sealed class OpenCvCamera(CameraSettings settings) : ICamera, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private VideoCapture? _capture;

    public OpenCvCamera(int deviceIndex, int widthPx, int heightPx, double millimetresPerPixel)
        : this(new CameraSettings(deviceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), widthPx, heightPx, millimetresPerPixel)
        {
            DeviceKey = "Camera:DeviceIndex",
        })
    {
    }

    public CameraSettings Settings => settings;

    /// <summary>What was asked of the driver once the camera is open, and what it reports back.</summary>
    public IReadOnlyList<CameraControl> Controls { get; private set; } = [];

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
            throw new CameraUnavailableException($"The camera at {settings.Describe()} opened but returned no image; check the cable and that no other program holds it.");
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

        return new CameraFrame(grey, settings.MillimetresPerPixel);
    }

    private VideoCapture Open()
    {
        var capture = settings.Index is { } index
            ? new VideoCapture(index)
            : new VideoCapture(settings.Device);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new CameraUnavailableException($"No camera answered at {settings.Describe()}. Check that it is connected, or set Camera:Kind to Simulated for the station twin.");
        }

        Controls = CameraControls.Apply(capture, settings);
        return capture;
    }
}

public sealed class CameraUnavailableException(string message) : Exception(message);
