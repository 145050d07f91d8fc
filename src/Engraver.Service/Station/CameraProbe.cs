using Engraver.Hardware.Camera;
using Engraver.Service.Options;

namespace Engraver.Service.Station;

/// <summary>Opens the real camera at start and reads one frame, before anything moves: a camera that is
/// missing or gives no picture is a start fault naming Camera:Device (or Camera:DeviceIndex), never a pin burned
/// and then left unchecked.</summary>
internal static class CameraProbe
{
    public static async Task<OpenCvCamera> OpenAsync(CameraOptions options, CancellationToken cancellationToken)
    {
        OpenCvCamera? camera = null;
        try
        {
            camera = new OpenCvCamera(options.ToSettings());
            using var frame = await camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
            return camera;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            camera?.Dispose();
            throw e as CameraUnavailableException ?? new CameraUnavailableException(
                $"The camera at {options.ToSettings().Describe()} could not be opened or gave no picture: {e.Message}");
        }
    }
}
