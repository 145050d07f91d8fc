using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Vision.Ring;
using OpenCvSharp;

namespace Engraver.Vision.Verification;

/// <summary>Checks a captured mark against what the laser was told to burn: finds the tip (its circular
/// edge, else the optical axis), segments the marks on the tip face, fits the expected strokes to them
/// (the pin may be turned any way and sit off the axis), then scores the whole mark, every straight
/// segment, every glyph and every stray spot, grades the print quality and says why a mark fails.</summary>
public static class MarkVerifier
{
    private const double OrientationSlackRad = 2.5 * Math.PI / 180;
    private const double WorkingLineWidthPx = 6;

    public static MarkVerification Verify(CameraFrame frame, Toolpath expected, MarkVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return Verify(frame, ExpectedMark.Of(expected), options);
    }

    public static MarkVerification Verify(CameraFrame frame, ExpectedMark expected, MarkVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RequireUsableFrame(frame);

        // Lines far wider than needed only cost time: work on a reduced copy with lines about
        // WorkingLineWidthPx wide, and report the pose in the frame's own pixels.
        var reduction = (int)Math.Floor(options.LineWidthMm / frame.MillimetresPerPixel / WorkingLineWidthPx);
        if (reduction >= 2)
        {
            using var reduced = new Mat();
            Cv2.Resize(frame.Image, reduced, new Size(frame.Image.Cols / reduction, frame.Image.Rows / reduction), 0, 0, InterpolationFlags.Area);
            using var working = new CameraFrame(reduced, frame.MillimetresPerPixel * reduction);
            return ScaleUp(VerifyAtScale(working, expected, options), reduction, FrameGeometry.Of(frame));
        }

        return VerifyAtScale(frame, expected, options);
    }

    private static MarkVerification VerifyAtScale(CameraFrame frame, ExpectedMark expected, MarkVerifierOptions options)
    {
        var toolpath = expected.Toolpath;
        if (toolpath.Strokes.Count == 0)
        {
            throw new ArgumentException("The expected toolpath has no strokes, so there is nothing to verify.", nameof(expected));
        }

        var axis = FrameGeometry.Of(frame);
        var scale = axis.MillimetresPerPixel;
        var lineWidthPx = Math.Max(1, options.LineWidthMm / scale);
        var tolerancePx = axis.Pixels(options.ToleranceMm);
        var strokeRadiusMm = toolpath.Strokes.SelectMany(s => s.Points).Max(p => p.Length);
        var tipRadiusMm = (expected.Profile?.TipDiameterMm ?? options.TipDiameterMm) / 2;

        var start = FindTip(frame, axis, tipRadiusMm, options, out var tipRadiusPx);
        var faceRadiusPx = ((strokeRadiusMm + options.InspectionMarginMm) / scale) + (lineWidthPx / 2) + tolerancePx;
        if (tipRadiusPx is { } edge)
        {
            faceRadiusPx = Math.Min(faceRadiusPx, edge - 2);
        }

        var half = (int)Math.Ceiling(faceRadiusPx + axis.Pixels(options.MaxMisregistrationMm) + 2);
        var region = new Rect((int)Math.Round(start.CentrePx.X) - half, (int)Math.Round(start.CentrePx.Y) - half, (2 * half) + 1, (2 * half) + 1);
        RequireInsideFrame(region, axis, options);

        using var face = new Mat(region.Height, region.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(face, new Point(half, half), (int)Math.Floor(faceRadiusPx), Scalar.All(255), -1, LineTypes.Link8);
        using var mark = MarkSegmenter.Segment(frame.Image, region, face, options.PreBlurSigmaPx, options.MinimumContrast);
        if (!mark.Found)
        {
            return MarkScoring.NoMark(frame, start, mark, options);
        }

        var coarseFactor = Math.Max(1, (int)Math.Round(lineWidthPx / 3));
        var angleRange = options.MaxRotationDeg * Math.PI / 180;
        if (expected.Ring is { } ring && OrientationMarkFinder.Find(mark.Mask, region, start.CentrePx, ring, scale) is { } markAngle)
        {
            // The ring's orientation mark gives the turn directly; only the last degrees are searched.
            start = start.With(start.CentrePx, markAngle);
            angleRange = Math.Min(angleRange, OrientationSlackRad);
        }

        var (geometry, _) = new PoseSearch(toolpath, scale, lineWidthPx, coarseFactor).Find(mark.Mask, region, start, angleRange);
        return MarkScoring.Score(frame, expected, geometry, region, mark, face, lineWidthPx, tolerancePx, options);
    }

    private static MarkVerification ScaleUp(MarkVerification result, int factor, FrameGeometry full)
    {
        double Col(double col) => (col * factor) + ((factor - 1) / 2.0);
        var pose = result.Pose with { CentreCol = Col(result.Pose.CentreCol), CentreRow = Col(result.Pose.CentreRow) };
        return result with
        {
            Pose = pose,
            Alignment = new PixelOffset((int)Math.Round(pose.CentreCol - full.CentrePx.X), (int)Math.Round(pose.CentreRow - full.CentrePx.Y)),
            StrayBlobs = result.StrayBlobs.Select(b => b with { CentreCol = Col(b.CentreCol), CentreRow = Col(b.CentreRow) }).ToList(),
        };
    }

    private static FrameGeometry FindTip(CameraFrame frame, FrameGeometry axis, double tipRadiusMm, MarkVerifierOptions options, out double? tipRadiusPx)
    {
        tipRadiusPx = null;
        var found = TipFinder.Find(frame.Image, tipRadiusMm / axis.MillimetresPerPixel);
        if (found is not { } tip || tip.Centre.DistanceTo(axis.CentrePx) * axis.MillimetresPerPixel > options.MaxPlacementMm)
        {
            return axis;
        }

        tipRadiusPx = tip.RadiusPx;
        return axis.With(tip.Centre, 0);
    }

    private static void RequireUsableFrame(CameraFrame frame)
    {
        if (frame.Image.IsDisposed || frame.Image.Empty())
        {
            throw new ArgumentException("The camera frame holds no image.", nameof(frame));
        }

        if (frame.Image.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException($"The camera frame must be 8-bit grey (CV_8UC1), not {frame.Image.Type()}.", nameof(frame));
        }

        if (!double.IsFinite(frame.MillimetresPerPixel) || frame.MillimetresPerPixel <= 0)
        {
            throw new ArgumentException($"The camera frame scale {frame.MillimetresPerPixel} mm per pixel is not a positive number.", nameof(frame));
        }
    }

    private static void RequireInsideFrame(Rect searched, FrameGeometry geometry, MarkVerifierOptions options)
    {
        if (searched.X < 0 || searched.Y < 0 || searched.Right > geometry.WidthPx || searched.Bottom > geometry.HeightPx)
        {
            throw new ArgumentException(
                $"The expected marking, with its {options.InspectionMarginMm} mm inspection margin and {options.MaxMisregistrationMm} mm " +
                $"misregistration allowance, needs pixels {searched.X}..{searched.Right - 1} x {searched.Y}..{searched.Bottom - 1}, " +
                $"outside the {geometry.WidthPx}x{geometry.HeightPx} camera frame.",
                "expected");
        }
    }
}
