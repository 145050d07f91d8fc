using Engraver.Core.Geometry;
using Engraver.Hardware.Camera;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Maps pin-local millimetres to pixels of a frame whose optical axis is on the pin centre:
/// the axis is the geometric image centre ((width - 1) / 2, (height - 1) / 2), +Y up is toward row 0.</summary>
internal readonly record struct FrameGeometry(int WidthPx, int HeightPx, double MillimetresPerPixel)
{
    public const int SubPixelBits = 3;

    public static FrameGeometry Of(CameraFrame frame) =>
        new(frame.Image.Cols, frame.Image.Rows, frame.MillimetresPerPixel);

    public Point2d ToPixel(Point2 pinLocal) =>
        new(((WidthPx - 1) / 2.0) + (pinLocal.X / MillimetresPerPixel),
            ((HeightPx - 1) / 2.0) - (pinLocal.Y / MillimetresPerPixel));

    /// <summary>A length in whole pixels, at least <paramref name="minimum"/>.</summary>
    public int Pixels(double millimetres, int minimum = 0) =>
        Math.Max(minimum, (int)Math.Round(millimetres / MillimetresPerPixel));

    /// <summary>A drawing coordinate with sub-pixel bits, relative to <paramref name="origin"/>.</summary>
    public static Point ToDrawing(Point2d pixel, Point origin) =>
        new((int)Math.Round((pixel.X - origin.X) * (1 << SubPixelBits)),
            (int)Math.Round((pixel.Y - origin.Y) * (1 << SubPixelBits)));
}
