using Engraver.Hardware.Camera;

namespace Engraver.Vision.Tests;

public sealed class OpenCvCameraTests
{
    [Fact]
    public async Task Missing_camera_gives_a_clear_error_naming_the_setting()
    {
        // No machine running these tests has 63 cameras.
        using var camera = new OpenCvCamera(63, 640, 480, 0.002);

        var error = await Assert.ThrowsAsync<CameraUnavailableException>(() => camera.CaptureAsync(CancellationToken.None));

        Assert.Contains("No camera answered at Camera:DeviceIndex 63", error.Message, StringComparison.Ordinal);
        Assert.Contains("Camera:Kind to Simulated", error.Message, StringComparison.Ordinal);
    }
}
