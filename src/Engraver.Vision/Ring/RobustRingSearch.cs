using System.Globalization;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Hardware.Camera;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>The slow path for a photograph the direct read could not decode. For each polarity (the
/// one the face's histogram suggests first), the tip's edge is looked for at any radius from
/// <see cref="SmallestScale"/> to <see cref="LargestScale"/> times the configured one and fitted as an
/// ellipse; the photograph is resampled so that edge becomes the tip's circle at the working scale, and
/// the ring is read there with a local threshold. Without any tip edge, a few scales around the frame
/// centre are tried. The first reading that decodes is taken: each is checked by Reed-Solomon and the
/// CRC-24, and every read-out tried, from the direct read on, counts towards the false-decode risk.</summary>
internal static class RobustRingSearch
{
    public const double SmallestScale = 0.3;
    public const double LargestScale = 1.5;

    // Tried around the frame centre when no tip edge shows: +/-30% and a little beyond.
    private static readonly double[] BlindScales = [1.0, 0.77, 1.3, 0.87, 1.15];

    public static RingRead? Read(CameraFrame frame, PinProfile profile, MarkVerifierOptions options, GearRing ring, int previous)
    {
        var expectedRadiusPx = profile.TipDiameterMm / 2 / frame.MillimetresPerPixel;
        var tried = 0;
        foreach (var inverted in PolarityOrder(frame.Image, expectedRadiusPx))
        {
            using var source = new Mat();
            if (inverted)
            {
                Cv2.BitwiseNot(frame.Image, source);
            }
            else
            {
                frame.Image.CopyTo(source);
            }

            var tips = TipEllipseFinder.Find(source, expectedRadiusPx, SmallestScale, LargestScale);
            var candidates = tips.Count > 0
                ? tips.Select(t => (Tip: t, Known: true))
                : BlindScales.Select(s => (Tip: new RotatedRect(new Point2f((source.Cols - 1) / 2f, (source.Rows - 1) / 2f), new Size2f(2 * expectedRadiusPx * s, 2 * expectedRadiusPx * s), 0), Known: false));
            foreach (var (tip, known) in candidates)
            {
                var read = ReadRectified(source, tip, known, profile, options, ring);
                tried += read.DecodesTried;
                if (read.Reading.Decoded is GearDecodeResult.Decoded)
                {
                    return read with { DecodesTried = previous + tried, Adjustments = Adjustments(inverted, tip, expectedRadiusPx) };
                }
            }
        }

        return null;
    }

    private static RingRead ReadRectified(Mat source, RotatedRect tip, bool known, PinProfile profile, MarkVerifierOptions options, GearRing ring)
    {
        var scale = profile.LineWidthMm / GearRingDecoder.WorkingLineWidthPx;
        var radiusPx = profile.TipDiameterMm / 2 / scale;
        using var rectified = TipRectifier.Rectify(source, tip, radiusPx);
        var centre = new Point2d(rectified.Centre.X, rectified.Centre.Y);
        var read = GearRingDecoder.ReadFace(rectified.Image, rectified.InFrame, scale, known ? centre : null, radiusPx, ring, options, SegmentationKind.Local);
        return read.Pose is { } pose ? read with { Pose = rectified.ToSource(pose) } : read;
    }

    /// <summary>Marks are the minority of the face: dark marks on bright metal skew its histogram
    /// towards dark, bright marks on dark metal towards bright. The likelier polarity is tried first.</summary>
    private static bool[] PolarityOrder(Mat image, double expectedRadiusPx)
    {
        var side = (int)Math.Min(Math.Min(image.Cols, image.Rows), expectedRadiusPx * 1.4);
        var window = new Rect((image.Cols - side) / 2, (image.Rows - side) / 2, side, side);
        using var centre = new Mat(image, window);
        using var values = new Mat();
        centre.ConvertTo(values, MatType.CV_32FC1);
        Cv2.MeanStdDev(values, out var mean, out var spread);
        using var cubed = new Mat();
        Cv2.Subtract(values, mean, cubed);
        Cv2.Pow(cubed, 3, cubed);
        var skew = spread.Val0 > 0 ? Cv2.Mean(cubed).Val0 / Math.Pow(spread.Val0, 3) : 0;
        return skew > 0 ? [true, false] : [false, true];
    }

    private static string[] Adjustments(bool inverted, RotatedRect tip, double expectedRadiusPx)
    {
        var major = Math.Max(tip.Size.Width, tip.Size.Height) / 2;
        var minor = Math.Min(tip.Size.Width, tip.Size.Height) / 2;
        var said = new List<string>();
        if (inverted)
        {
            said.Add("bright marks on dark");
        }

        var scale = major / expectedRadiusPx;
        if (Math.Abs(scale - 1) >= 0.02)
        {
            said.Add(string.Create(CultureInfo.InvariantCulture, $"tip {scale:0.00}x the configured size"));
        }

        var tilt = Math.Acos(Math.Clamp(minor / major, 0, 1)) * 180 / Math.PI;
        if (tilt >= 3)
        {
            said.Add(string.Create(CultureInfo.InvariantCulture, $"tilt {tilt:0} deg"));
        }

        said.Add("local threshold");
        return [.. said];
    }
}
