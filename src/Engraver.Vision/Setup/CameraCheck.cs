using System.Globalization;
using Engraver.Vision.Ring;
using OpenCvSharp;

namespace Engraver.Vision.Setup;

/// <summary>What one frame says about a camera's set-up: sharpness, exposure, whether a pin tip is in view and the
/// millimetres per pixel its edge shows, against the configured scale. Each problem comes with what to do.</summary>
public sealed record CameraCheckResult(
    double Sharpness, double MeanGrey, double DarkClipped, double BrightClipped,
    Point2d? TipCentrePx, double? TipRadiusPx, double? MillimetresPerPixelSeen, double ConfiguredMillimetresPerPixel,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>The scale seen over the configured one, minus one: +0.05 means each pixel covers 5% more.</summary>
    public double? ScaleError => MillimetresPerPixelSeen / ConfiguredMillimetresPerPixel - 1;
}

/// <summary>Checks a frame as a person setting up the camera would: is it sharp, is it exposed, is the pin tip in
/// view, and is the configured scale right. The tip is searched over a wide range of sizes (0.6 to 1.6 times the
/// size the configured scale expects), so a wrong scale is measured rather than missed.</summary>
public static class CameraCheck
{
    /// <summary>Variance of the Laplacian over the frame's grey-level variance, below which a frame is called
    /// blurred: the twin's pin frames score 0.2 to 0.6 over scales 0.0014 to 0.0028 mm/px, the same frames blurred
    /// with a 1 px Gaussian 0.016 to 0.04, with 3 px under 0.01. A guide for setting a lens up, not a grade.</summary>
    public const double MinimumSharpness = 0.08;

    private const double SmallestTip = 0.6;
    private const double LargestTip = 1.6;
    private const double ScaleTolerance = 0.03;

    public static CameraCheckResult Run(Mat grey, double configuredMillimetresPerPixel, double tipDiameterMm)
    {
        ArgumentNullException.ThrowIfNull(grey);
        if (grey.Empty() || grey.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException("The camera check needs a non-empty 8-bit grey image.", nameof(grey));
        }

        var problems = new List<string>();
        var (mean, dark, bright) = Exposure(grey);
        if (mean < 40 || dark > 0.25)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"under-exposed: mean grey {mean:0}, {dark:P0} of pixels black; raise Camera:Exposure or Camera:Gain, or the light"));
        }
        else if (mean > 215 || bright > 0.05)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"over-exposed: mean grey {mean:0}, {bright:P0} of pixels white; lower Camera:Exposure or Camera:Gain, or the light"));
        }

        var sharpness = Sharpness(grey);
        if (sharpness < MinimumSharpness)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"blurred: sharpness {sharpness:0.00} (at least {MinimumSharpness:0.00} wanted); focus the lens or set Camera:Focus"));
        }

        var expectedRadiusPx = tipDiameterMm / 2 / configuredMillimetresPerPixel;
        var tip = FindTip(grey, expectedRadiusPx);
        double? seen = tip is { } t ? tipDiameterMm / 2 / t.RadiusPx : null;
        if (tip is null)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"no pin tip in view: no circle of {SmallestTip * expectedRadiusPx * 2:0} to {LargestTip * expectedRadiusPx * 2:0} px across; put a pin under the camera and check Camera:OffsetXMm/OffsetYMm"));
        }
        else if (Math.Abs(seen!.Value / configuredMillimetresPerPixel - 1) > ScaleTolerance)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"scale: the tip shows {seen:0.00000} mm per pixel, Camera:MillimetresPerPixel is {configuredMillimetresPerPixel:0.00000} ({(seen.Value / configuredMillimetresPerPixel) - 1:+0.0%;-0.0%}); set it, or run the calibration"));
        }

        return new CameraCheckResult(sharpness, mean, dark, bright, tip?.Centre, tip?.RadiusPx, seen, configuredMillimetresPerPixel, problems);
    }

    private static (double Mean, double Dark, double Bright) Exposure(Mat grey)
    {
        var total = (double)grey.Total();
        using var darkMask = new Mat();
        using var brightMask = new Mat();
        Cv2.InRange(grey, new Scalar(0), new Scalar(5), darkMask);
        Cv2.InRange(grey, new Scalar(250), new Scalar(255), brightMask);
        return (Cv2.Mean(grey).Val0, Cv2.CountNonZero(darkMask) / total, Cv2.CountNonZero(brightMask) / total);
    }

    /// <summary>Variance of the Laplacian over the frame's contrast (its grey-level standard deviation), so a
    /// dim sharp frame and a bright sharp frame score alike.</summary>
    private static double Sharpness(Mat grey)
    {
        using var laplacian = new Mat();
        Cv2.Laplacian(grey, laplacian, MatType.CV_64F);
        Cv2.MeanStdDev(laplacian, out _, out var laplacianDeviation);
        Cv2.MeanStdDev(grey, out _, out var greyDeviation);
        var contrast = Math.Max(1, greyDeviation.Val0);
        return laplacianDeviation.Val0 * laplacianDeviation.Val0 / (contrast * contrast);
    }

    /// <summary>The tip as the decoder finds it (<see cref="TipEllipseFinder"/>): Hough circles over the whole
    /// range of sizes, refined along rays to the edge's steepest fall onto the dark outside, fitted as an
    /// ellipse. A camera looking at the face at an angle foreshortens one axis only, so the longer one gives
    /// the scale.</summary>
    private static (Point2d Centre, double RadiusPx)? FindTip(Mat grey, double expectedRadiusPx)
    {
        var tips = TipEllipseFinder.Find(grey, expectedRadiusPx, SmallestTip, LargestTip);
        if (tips.Count == 0)
        {
            return null;
        }

        var tip = tips[0];
        return (new Point2d(tip.Center.X, tip.Center.Y), Math.Max(tip.Size.Width, tip.Size.Height) / 2);
    }
}
