using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Draws the strokes a mark should show, at their nominal line width, into a binary mask.</summary>
internal static class ExpectedStrokeMask
{
    /// <summary>A CV_8UC1 mask the size of <paramref name="region"/> (image coordinates), 255 on strokes.</summary>
    public static Mat Render(Toolpath expected, FrameGeometry geometry, Rect region, double lineWidthPx)
    {
        var mask = new Mat(region.Height, region.Width, MatType.CV_8UC1, Scalar.All(0));
        foreach (var stroke in expected.Strokes)
        {
            for (var i = 1; i < stroke.Points.Count; i++)
            {
                var from = geometry.ToPixel(stroke.Points[i - 1]) - region.TopLeft;
                var to = geometry.ToPixel(stroke.Points[i]) - region.TopLeft;
                RoundCappedLine.Draw(mask, from, to, lineWidthPx, Scalar.All(255), LineTypes.Link8);
            }
        }

        return mask;
    }

    /// <summary>The pixel rectangle holding every expected point, grown by <paramref name="borderPx"/>.</summary>
    public static Rect Bounds(Toolpath expected, FrameGeometry geometry, int borderPx)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var point in expected.Strokes.SelectMany(s => s.Points))
        {
            var p = geometry.ToPixel(point);
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }

        var left = (int)Math.Floor(minX) - borderPx;
        var top = (int)Math.Floor(minY) - borderPx;
        var right = (int)Math.Ceiling(maxX) + borderPx;
        var bottom = (int)Math.Ceiling(maxY) + borderPx;
        return new Rect(left, top, right - left + 1, bottom - top + 1);
    }
}
