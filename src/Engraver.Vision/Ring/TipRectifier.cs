using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Resamples a photograph so the tip's edge (an ellipse in the photograph: scale and tilt) becomes
/// a circle of a given radius at the centre of a new image. A tilted flat face seen from afar is an
/// affine image of itself, so one affine map straightens the whole face. What lay outside the
/// photograph is marked as such, not painted as metal.</summary>
internal static class TipRectifier
{
    private const double Margin = 1.1;

    public static RectifiedTip Rectify(Mat source, RotatedRect edge, double radiusPx)
    {
        var half = (int)Math.Ceiling(radiusPx * Margin);
        var side = (2 * half) + 1;
        var (sin, cos) = Math.SinCos(edge.Angle * Math.PI / 180);
        var along = radiusPx / Math.Max(1e-6, edge.Size.Width / 2.0);
        var across = radiusPx / Math.Max(1e-6, edge.Size.Height / 2.0);

        // M = along * u u' + across * v v', u the first axis, v the second.
        var m00 = (along * cos * cos) + (across * sin * sin);
        var m01 = (along - across) * cos * sin;
        var m11 = (along * sin * sin) + (across * cos * cos);
        var tx = half - ((m00 * edge.Center.X) + (m01 * edge.Center.Y));
        var ty = half - ((m01 * edge.Center.X) + (m11 * edge.Center.Y));
        using var map = Mat.FromPixelData(2, 3, MatType.CV_64FC1, new[] { m00, m01, tx, m01, m11, ty });

        var image = new Mat();
        Cv2.WarpAffine(source, image, map, new Size(side, side), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        using var all = new Mat(source.Size(), MatType.CV_8UC1, Scalar.All(255));
        var inFrame = new Mat();
        Cv2.WarpAffine(all, inFrame, map, new Size(side, side), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));

        // Samples next to the border are blended with the fill.
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(5, 5));
        Cv2.Erode(inFrame, inFrame, kernel);

        var det = (m00 * m11) - (m01 * m01);
        return new RectifiedTip(image, inFrame, new Point2d(half, half), (m11 / det, -m01 / det, m00 / det), (tx, ty));
    }
}

/// <summary>A rectified tip: the image, where it came from the photograph (255), its centre, and the
/// way back to the photograph's pixels (inverse of the symmetric map, and the map's offset).</summary>
internal sealed class RectifiedTip(Mat image, Mat inFrame, Point2d centre, (double A, double B, double D) inverse, (double X, double Y) offset) : IDisposable
{
    public Mat Image { get; } = image;

    public Mat InFrame { get; } = inFrame;

    public Point2d Centre { get; } = centre;

    /// <summary>The pose found in the rectified image, placed in the photograph (turn kept: a tilt of a
    /// few degrees moves it by less than the reading's own precision).</summary>
    public MarkPose ToSource(MarkPose pose)
    {
        var x = pose.CentreCol - offset.X;
        var y = pose.CentreRow - offset.Y;
        return pose with { CentreCol = (inverse.A * x) + (inverse.B * y), CentreRow = (inverse.B * x) + (inverse.D * y) };
    }

    public void Dispose()
    {
        Image.Dispose();
        InFrame.Dispose();
    }
}
