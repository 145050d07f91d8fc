using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Otsu's threshold over the histogram of an 8-bit image under a mask: the grey level that
/// best splits it into two classes.</summary>
internal static class Otsu
{
    public static double Threshold(Mat grey, Mat mask)
    {
        using var hist = new Mat();
        Cv2.CalcHist([grey], [0], mask, hist, 1, [256], [new Rangef(0, 256)]);
        hist.GetArray(out float[] counts);
        double total = 0, sum = 0;
        for (var i = 0; i < 256; i++)
        {
            total += counts[i];
            sum += i * counts[i];
        }

        double below = 0, belowSum = 0, bestSpread = -1, best = 0;
        for (var t = 0; t < 255; t++)
        {
            below += counts[t];
            belowSum += t * counts[t];
            var above = total - below;
            if (below == 0 || above == 0)
            {
                continue;
            }

            var difference = (belowSum / below) - ((sum - belowSum) / above);
            var spread = below * above * difference * difference;
            if (spread > bestSpread)
            {
                bestSpread = spread;
                best = t;
            }
        }

        return best;
    }
}
