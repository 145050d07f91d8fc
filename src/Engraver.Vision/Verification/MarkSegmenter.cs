using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Separates dark marks from the metal in one region: smoothing, then Otsu's threshold. When
/// the two classes Otsu finds differ by less than the minimum contrast the region holds no mark (Otsu
/// always splits, even bare metal), and the mask is left empty. Only the disc around the optical axis
/// that holds the marking is looked at: the tip's rim and the metal beyond it are painted with the
/// disc's mean grey before thresholding, so they neither count as mark nor skew the threshold.</summary>
internal static class MarkSegmenter
{
    public static SegmentedMark Segment(Mat image, Rect region, Point2d discCentre, double discRadiusPx, double preBlurSigmaPx, double minimumContrast)
    {
        using var view = new Mat(image, region);
        using var inside = new Mat(region.Height, region.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(inside, new Point(discCentre.X - region.X, discCentre.Y - region.Y), (int)Math.Ceiling(discRadiusPx), Scalar.All(255), -1);
        using var outside = new Mat();
        Cv2.BitwiseNot(inside, outside);
        using var face = view.Clone();
        face.SetTo(Cv2.Mean(view, inside), outside);
        using var smooth = new Mat();
        if (preBlurSigmaPx > 0)
        {
            Cv2.GaussianBlur(face, smooth, new Size(0, 0), preBlurSigmaPx);
        }
        else
        {
            face.CopyTo(smooth);
        }

        var mask = new Mat();
        Cv2.Threshold(smooth, mask, 0, 255, ThresholdTypes.BinaryInv | ThresholdTypes.Otsu);
        mask.SetTo(Scalar.All(0), outside);
        using var metal = new Mat();
        Cv2.BitwiseNot(mask, metal);
        metal.SetTo(Scalar.All(0), outside);
        var contrast = Cv2.CountNonZero(mask) == 0 || Cv2.CountNonZero(metal) == 0
            ? 0
            : Cv2.Mean(smooth, metal).Val0 - Cv2.Mean(smooth, mask).Val0;

        var found = contrast >= minimumContrast;
        if (!found)
        {
            mask.SetTo(Scalar.All(0));
        }

        return new SegmentedMark(mask, contrast, found);
    }
}

/// <summary>A binary mask (255 = mark) of one region, and how clearly the mark stood out.</summary>
internal sealed class SegmentedMark(Mat mask, double contrast, bool found) : IDisposable
{
    public Mat Mask { get; } = mask;

    public double Contrast { get; } = contrast;

    public bool Found { get; } = found;

    public void Dispose() => Mask.Dispose();
}
