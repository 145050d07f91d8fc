using Engraver.Core.Geometry;
using Engraver.Hardware.Camera;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Maps pin-local millimetres to pixels of a frame through the pin's pose: its centre in pixels
/// and its turn (counter-clockwise, radians). Without a pose the centre is the optical axis, the geometric
/// image centre ((width - 1) / 2, (height - 1) / 2); +Y up is toward row 0.</summary>
internal readonly record struct FrameGeometry(int WidthPx, int HeightPx, double MillimetresPerPixel, Point2d CentrePx, double RotationRad)
{
    public const int SubPixelBits = 3;

    public static FrameGeometry Of(CameraFrame frame) =>
        new(frame.Image.Cols, frame.Image.Rows, frame.MillimetresPerPixel, new Point2d((frame.Image.Cols - 1) / 2.0, (frame.Image.Rows - 1) / 2.0), 0);

    public static FrameGeometry Of(CameraFrame frame, MarkPose pose) =>
        new(frame.Image.Cols, frame.Image.Rows, frame.MillimetresPerPixel, new Point2d(pose.CentreCol, pose.CentreRow), pose.RotationDeg * Math.PI / 180);

    public FrameGeometry With(Point2d centrePx, double rotationRad) => this with { CentrePx = centrePx, RotationRad = rotationRad };

    public Point2d ToPixel(Point2 pinLocal)
    {
        var (sin, cos) = Math.SinCos(RotationRad);
        var x = (pinLocal.X * cos) - (pinLocal.Y * sin);
        var y = (pinLocal.X * sin) + (pinLocal.Y * cos);
        return new Point2d(CentrePx.X + (x / MillimetresPerPixel), CentrePx.Y - (y / MillimetresPerPixel));
    }

    /// <summary>A length in whole pixels, at least <paramref name="minimum"/>.</summary>
    public int Pixels(double millimetres, int minimum = 0) =>
        Math.Max(minimum, (int)Math.Round(millimetres / MillimetresPerPixel));

    /// <summary>A drawing coordinate with sub-pixel bits, relative to <paramref name="origin"/>.</summary>
    public static Point ToDrawing(Point2d pixel, Point origin) =>
        new((int)Math.Round((pixel.X - origin.X) * (1 << SubPixelBits)),
            (int)Math.Round((pixel.Y - origin.Y) * (1 << SubPixelBits)));
}

/// <summary>Where the pin was found in the image: its centre (pixel column and row) and how far it is
/// turned counter-clockwise from its engraving orientation, in degrees.</summary>
public readonly record struct MarkPose(double CentreCol, double CentreRow, double RotationDeg);
