using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Separates dark marks from the metal in one region: smoothing, then Otsu's threshold. When
/// the two classes Otsu finds differ by less than the minimum contrast the region holds no mark (Otsu
/// always splits, even bare metal), and the mask is left empty.</summary>
internal static class MarkSegmenter
{
    public static SegmentedMark Segment(Mat image, Rect region, double preBlurSigmaPx, double minimumContrast)
    {
        using var view = new Mat(image, region);
        using var smooth = new Mat();
        if (preBlurSigmaPx > 0)
        {
            Cv2.GaussianBlur(view, smooth, new Size(0, 0), preBlurSigmaPx);
        }
        else
        {
            view.CopyTo(smooth);
        }

        var mask = new Mat();
        Cv2.Threshold(smooth, mask, 0, 255, ThresholdTypes.BinaryInv | ThresholdTypes.Otsu);
        using var metal = new Mat();
        Cv2.BitwiseNot(mask, metal);
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
