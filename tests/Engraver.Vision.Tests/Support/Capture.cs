using Engraver.Core.Geometry;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Camera;

namespace Engraver.Vision.Tests.Support;

/// <summary>Takes a frame with the camera twin centred on a machine point.</summary>
internal static class Capture
{
    public static Task<CameraFrame> AtAsync(FakeBurnLog burnLog, Point2 cameraPoint, SimulatedCameraOptions? options = null)
    {
        options ??= new SimulatedCameraOptions();
        burnLog.MachinePosition = cameraPoint - options.CameraOffsetMm;
        return new SimulatedCamera(burnLog, options).CaptureAsync(CancellationToken.None);
    }
}
