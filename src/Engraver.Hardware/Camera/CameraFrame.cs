using OpenCvSharp;

namespace Engraver.Hardware.Camera;

/// <summary>One grey-scale image (CV_8UC1) and its calibrated scale. The image centre is the point on
/// the optical axis; +X to the right, +Y up (image row 0 is the top).</summary>
public sealed class CameraFrame(Mat image, double millimetresPerPixel) : IDisposable
{
    public Mat Image { get; } = image;

    public double MillimetresPerPixel { get; } = millimetresPerPixel;

    public void Dispose() => Image.Dispose();
}
