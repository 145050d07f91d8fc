using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Separates dark marks from the metal inside the tip face: smoothing, then Otsu's threshold on
/// the face's own histogram (so the dark edge of the tip and whatever lies outside it do not move the
/// threshold). When the two classes differ by less than the minimum contrast the face holds no mark
/// (Otsu always splits, even bare metal), and the mask is left empty.</summary>
internal static class MarkSegmenter
{
    public static SegmentedMark Segment(Mat image, Rect region, Mat face, double preBlurSigmaPx, double minimumContrast)
    {
        using var view = new Mat(image, region);
        var smooth = new Mat();
        if (preBlurSigmaPx > 0)
        {
            Cv2.GaussianBlur(view, smooth, new Size(0, 0), preBlurSigmaPx);
        }
        else
        {
            view.CopyTo(smooth);
        }

        var threshold = Otsu.Threshold(smooth, face);
        var mask = new Mat();
        Cv2.Threshold(smooth, mask, threshold, 255, ThresholdTypes.BinaryInv);
        Cv2.BitwiseAnd(mask, face, mask);
        using var metal = new Mat();
        Cv2.BitwiseNot(mask, metal);
        Cv2.BitwiseAnd(metal, face, metal);
        var metalGrey = Cv2.CountNonZero(metal) == 0 ? 0 : Cv2.Mean(smooth, metal).Val0;
        var markGrey = Cv2.CountNonZero(mask) == 0 ? metalGrey : Cv2.Mean(smooth, mask).Val0;
        var contrast = metalGrey - markGrey;

        var found = contrast >= minimumContrast;
        if (!found)
        {
            mask.SetTo(Scalar.All(0));
        }

        return new SegmentedMark(mask, smooth, contrast, metalGrey, found);
    }
}

/// <summary>A binary mask (255 = mark) of one region, the smoothed grey image it came from, and how
/// clearly the mark stood out from the metal.</summary>
internal sealed class SegmentedMark(Mat mask, Mat smooth, double contrast, double metalGrey, bool found) : IDisposable
{
    public Mat Mask { get; } = mask;

    public Mat Smooth { get; } = smooth;

    public double Contrast { get; } = contrast;

    public double MetalGrey { get; } = metalGrey;

    public bool Found { get; } = found;

    public void Dispose()
    {
        Mask.Dispose();
        Smooth.Dispose();
    }
}
