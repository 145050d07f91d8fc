using OpenCvSharp;

namespace Engraver.Hardware.Camera;

/// <summary>Draws a straight line of a given width with round ends, as a laser spot leaves it. OpenCV's
/// own thick lines only come in odd widths; a filled quadrilateral and two discs give any width. OpenCV
/// fills include their boundary pixels, about one pixel in all, so the shapes are drawn that much narrower.</summary>
public static class RoundCappedLine
{
    private const int SubPixelBits = 3;
    private const double Scale = 1 << SubPixelBits;

    public static void Draw(Mat image, Point2d from, Point2d to, double widthPx, Scalar colour, LineTypes lineType)
    {
        var half = Math.Max(0, widthPx - 1) / 2;
        var radius = (int)Math.Round(half * Scale);
        Cv2.Circle(image, Fixed(from), radius, colour, -1, lineType, SubPixelBits);
        Cv2.Circle(image, Fixed(to), radius, colour, -1, lineType, SubPixelBits);

        var along = to - from;
        var length = Math.Sqrt((along.X * along.X) + (along.Y * along.Y));
        if (length == 0)
        {
            return;
        }

        var side = new Point2d(-along.Y / length * half, along.X / length * half);
        Point[] quad = [Fixed(from + side), Fixed(to + side), Fixed(to - side), Fixed(from - side)];
        Cv2.FillConvexPoly(image, quad, colour, lineType, SubPixelBits);
    }

    private static Point Fixed(Point2d p) => new((int)Math.Round(p.X * Scale), (int)Math.Round(p.Y * Scale));
}
