using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Separates marks from metal against the metal's own brightness around each point: the
/// metal under a mark is estimated by a morphological closing wider than any stroke (it fills in the
/// dark strokes and follows illumination gradients and hot spots), and a mark is where the image lies
/// clearly below it. "Clearly" comes from the photograph itself: Otsu's threshold over the darkening
/// inside the face, and the marks must stand out from the metal's own variation by
/// <see cref="SeparationOverNoise"/> times its spread (a bare face splits only into two halves of its
/// noise) and by at least <see cref="MinimumDepthGrey"/> grey levels.</summary>
internal static class LocalMarkSegmenter
{
    /// <summary>A bare, noisy face splits under Otsu into halves about 2.7 spreads apart.</summary>
    public const double SeparationOverNoise = 5;

    /// <summary>Below this the marks are lost in the 8-bit quantisation anyway.</summary>
    public const double MinimumDepthGrey = 5;

    private const double PreBlurSigmaPx = 1.0;

    public static SegmentedMark Segment(Mat image, Rect region, Mat face, double lineWidthPx)
    {
        using var view = new Mat(image, region);
        var smooth = new Mat();
        Cv2.GaussianBlur(view, smooth, new Size(0, 0), PreBlurSigmaPx);
        var side = (2 * (int)Math.Ceiling(1.5 * lineWidthPx)) + 1;
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(side, side));
        using var metal = new Mat();
        Cv2.MorphologyEx(smooth, metal, MorphTypes.Close, kernel);
        using var depth = new Mat();
        Cv2.Subtract(metal, smooth, depth);

        var threshold = Otsu.Threshold(depth, face);
        var mask = new Mat();
        Cv2.Threshold(depth, mask, threshold, 255, ThresholdTypes.Binary);
        Cv2.BitwiseAnd(mask, face, mask);
        using var bare = new Mat();
        Cv2.BitwiseNot(mask, bare);
        Cv2.BitwiseAnd(bare, face, bare);

        var marked = Cv2.CountNonZero(mask);
        var found = false;
        double contrast = 0;
        if (marked > 0 && Cv2.CountNonZero(bare) > 0)
        {
            Cv2.MeanStdDev(depth, out var bareMean, out var bareSpread, bare);
            var markMean = Cv2.Mean(depth, mask).Val0;
            contrast = markMean - bareMean.Val0;
            found = contrast >= Math.Max(MinimumDepthGrey, SeparationOverNoise * bareSpread.Val0);
        }

        if (!found)
        {
            mask.SetTo(Scalar.All(0));
        }

        var metalGrey = Cv2.Mean(view, face).Val0;
        return new SegmentedMark(mask, smooth, contrast, metalGrey, found);
    }
}
