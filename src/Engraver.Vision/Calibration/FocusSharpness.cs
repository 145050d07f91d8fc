using OpenCvSharp;

namespace Engraver.Vision.Calibration;

/// <summary>How sharp a region of a frame is: the variance of its Laplacian. A light blur first (one pixel) keeps
/// the sensor's pixel-to-pixel noise, which no lens setting changes, from swamping the edges that focus does.</summary>
public static class FocusSharpness
{
    public static double VarianceOfLaplacian(Mat grey, Rect region)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var inside = region.Intersect(new Rect(0, 0, grey.Cols, grey.Rows));
        if (inside.Width < 3 || inside.Height < 3)
        {
            throw new ArgumentException("The sharpness region lies outside the frame.", nameof(region));
        }

        using var part = new Mat(grey, inside);
        using var smooth = new Mat();
        Cv2.GaussianBlur(part, smooth, new Size(0, 0), 1.0);
        using var laplacian = new Mat();
        Cv2.Laplacian(smooth, laplacian, MatType.CV_64F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation);
        return deviation.Val0 * deviation.Val0;
    }
}
