using Engraver.Hardware.Camera;

namespace Engraver.Service.Station;

/// <summary>The last time a camera was asked for a picture, and whether it gave one (null <see cref="Failure"/>).</summary>
public sealed record CameraCapture(DateTimeOffset At, string? Failure);

/// <summary>A real camera that remembers how its last capture went, so /health reports the camera as it
/// is (a frame read at start by <see cref="CameraProbe"/>, then the last pin's picture), not merely that an
/// object was created. <see cref="Device"/> names the camera the way the configuration does.</summary>
public sealed class WatchedCamera(ICamera camera, string device, TimeProvider clock, CameraCapture firstCapture) : ICamera, IDisposable
{
    private volatile CameraCapture _last = firstCapture;

    public string Device { get; } = device;

    public CameraCapture LastCapture => _last;

    public async Task<CameraFrame> CaptureAsync(CancellationToken cancellationToken)
    {
        try
        {
            var frame = await camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
            _last = new CameraCapture(clock.GetUtcNow(), null);
            return frame;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _last = new CameraCapture(clock.GetUtcNow(), e.Message);
            throw;
        }
    }

    public void Dispose() => (camera as IDisposable)?.Dispose();
}
