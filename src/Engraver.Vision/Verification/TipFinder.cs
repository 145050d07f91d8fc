using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Finds the circular edge of the pin tip in a frame: Hough circles on a reduced copy, searched
/// only near the expected radius. Returns null when no such circle shows (for instance a frame taken so
/// close that the edge is outside it); the caller then falls back to the optical axis.</summary>
internal static class TipFinder
{
    private const double RadiusSlack = 0.08;
    private const double TargetReducedRadiusPx = 120;

    public static (Point2d Centre, double RadiusPx)? Find(Mat image, double expectedRadiusPx)
    {
        var factor = Math.Max(1, (int)Math.Floor(expectedRadiusPx / TargetReducedRadiusPx));
        using var small = new Mat();
        Cv2.Resize(image, small, new Size(image.Cols / factor, image.Rows / factor), 0, 0, InterpolationFlags.Area);
        Cv2.GaussianBlur(small, small, new Size(0, 0), 1.5);
        var radius = expectedRadiusPx / factor;
        var circles = Cv2.HoughCircles(
            small,
            HoughModes.Gradient,
            dp: 1,
            minDist: radius,
            param1: 60,
            param2: 25,
            minRadius: (int)Math.Floor(radius * (1 - RadiusSlack)),
            maxRadius: (int)Math.Ceiling(radius * (1 + RadiusSlack)));
        if (circles.Length == 0)
        {
            return null;
        }

        // Strongest first: OpenCV orders by accumulator votes.
        var best = circles[0];
        var centre = new Point2d((best.Center.X * factor) + ((factor - 1) / 2.0), (best.Center.Y * factor) + ((factor - 1) / 2.0));
        return (centre, best.Radius * factor);
    }
}
