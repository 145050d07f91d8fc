namespace Engraver.Hardware.Camera;

/// <summary>A camera looking down at the pin under it. Whoever calls <see cref="CaptureAsync"/> owns
/// the returned frame and disposes it.</summary>
public interface ICamera
{
    Task<CameraFrame> CaptureAsync(CancellationToken cancellationToken);
}
