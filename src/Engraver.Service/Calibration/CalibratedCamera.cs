using Engraver.Hardware.Camera;
using OpenCvSharp;

namespace Engraver.Service.Calibration;

/// <summary>The station's camera as the verifier needs it: each frame turned back by the camera's measured rotation
/// (so image axes are machine axes, as the expected mark is drawn) and stamped with the station's scale.</summary>
public sealed class CalibratedCamera(ICamera inner, double millimetresPerPixel, double rotationDeg) : ICamera, IDisposable
{
    public ICamera Inner { get; } = inner;

    public async Task<CameraFrame> CaptureAsync(CancellationToken cancellationToken)
    {
        var frame = await Inner.CaptureAsync(cancellationToken).ConfigureAwait(false);
        if (rotationDeg == 0 && frame.MillimetresPerPixel == millimetresPerPixel)
        {
            return frame;
        }

        using (frame)
        {
            return new CameraFrame(Straighten(frame.Image, rotationDeg), millimetresPerPixel);
        }
    }

    /// <summary>A copy of <paramref name="image"/> turned by <paramref name="rotationDeg"/> about its centre: a camera
    /// turned counter-clockwise shows the scene turned clockwise, so its frames are turned counter-clockwise back.
    /// Edges that come into view are filled with the nearest pixels, not black. Lanczos interpolation keeps the 6 px
    /// strokes' edges: a bilinear turn softened them enough to cost a grade.</summary>
    public static Mat Straighten(Mat image, double rotationDeg)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (rotationDeg == 0)
        {
            return image.Clone();
        }

        var centre = new Point2f((image.Cols - 1) / 2f, (image.Rows - 1) / 2f);
        using var turn = Cv2.GetRotationMatrix2D(centre, rotationDeg, 1.0);
        var turned = new Mat();
        Cv2.WarpAffine(image, turned, turn, image.Size(), InterpolationFlags.Lanczos4, BorderTypes.Replicate);
        return turned;
    }

    public void Dispose()
    {
        if (Inner is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
