using OpenCvSharp;

namespace Engraver.Vision.Calibration;

/// <summary>Finds the fiducial's dots in a grey frame: the dark blobs the size of a dot (a black-hat filter takes
/// away the metal's shading and the tip's rim, which is far larger), each located at its darkness-weighted centre
/// to a fraction of a pixel, and each matched to the nearest predicted position within the search radius.
/// A dot with no blob near it, or a blob two predictions would share, is reported missing (null), never guessed.</summary>
public static class FiducialFinder
{
    /// <summary>Darkness (grey levels below the local metal) a dot's pixels must reach.</summary>
    private const double MinimumDarkness = 20;

    public static IReadOnlyList<Point2d?> Find(Mat grey, IReadOnlyList<Point2d> predictedPx, double dotSizePx, double searchRadiusPx)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(predictedPx);
        if (grey.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException("The fiducial is found in a grey (CV_8UC1) frame.", nameof(grey));
        }

        var kernelPx = Math.Max(5, (int)Math.Ceiling(dotSizePx * 2.5)) | 1;
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(kernelPx, kernelPx));
        using var darkness = new Mat();
        Cv2.MorphologyEx(grey, darkness, MorphTypes.BlackHat, kernel);
        using var mask = new Mat();
        Cv2.Threshold(darkness, mask, MinimumDarkness, 255, ThresholdTypes.Binary);

        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids);
        var expectedArea = Math.PI * dotSizePx * dotSizePx / 4;
        var blobs = new List<Point2d>();
        for (var label = 1; label < count; label++)
        {
            var area = stats.At<int>(label, (int)ConnectedComponentsTypes.Area);
            if (area < expectedArea * 0.2 || area > expectedArea * 5)
            {
                continue;
            }

            var box = new Rect(
                stats.At<int>(label, (int)ConnectedComponentsTypes.Left), stats.At<int>(label, (int)ConnectedComponentsTypes.Top),
                stats.At<int>(label, (int)ConnectedComponentsTypes.Width), stats.At<int>(label, (int)ConnectedComponentsTypes.Height));
            blobs.Add(WeightedCentre(darkness, labels, label, box));
        }

        var matches = predictedPx.Select(p => Nearest(blobs, p, searchRadiusPx)).ToList();
        // A blob claimed by two predictions belongs to neither: the pattern is not where it was expected.
        return matches
            .Select(m => m is { } found && matches.Count(o => o == found) == 1 ? m : null)
            .ToList();
    }

    /// <summary>The centre of the blob's pixels weighted by how dark each is.</summary>
    private static Point2d WeightedCentre(Mat darkness, Mat labels, int label, Rect box)
    {
        double sum = 0, sumX = 0, sumY = 0;
        for (var row = box.Top; row < box.Bottom; row++)
        {
            for (var col = box.Left; col < box.Right; col++)
            {
                if (labels.At<int>(row, col) != label)
                {
                    continue;
                }

                var weight = darkness.At<byte>(row, col) - (MinimumDarkness / 2);
                sum += weight;
                sumX += weight * col;
                sumY += weight * row;
            }
        }

        return new Point2d(sumX / sum, sumY / sum);
    }

    private static Point2d? Nearest(List<Point2d> blobs, Point2d predicted, double radiusPx)
    {
        Point2d? best = null;
        var bestDistance = radiusPx;
        foreach (var blob in blobs)
        {
            var distance = blob.DistanceTo(predicted);
            if (distance <= bestDistance)
            {
                best = blob;
                bestDistance = distance;
            }
        }

        return best;
    }
}
