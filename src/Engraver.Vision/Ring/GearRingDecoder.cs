using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Hardware.Camera;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Reads the gear ring from a photograph without knowing what it should say: finds the tip,
/// the marks on its face and the orientation mark, then reads every cell. Used to identify a pin (or an
/// impression of one) and, with several photographs, to fuse partial reads.</summary>
public static class GearRingDecoder
{
    private const double WorkingLineWidthPx = 6;

    /// <exception cref="ArgumentException">The frame is not 8-bit grey, or the tip does not fit in it.</exception>
    public static RingRead Read(CameraFrame frame, PinProfile profile, MarkVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (frame.Image.Empty() || frame.Image.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException("The photograph must be an 8-bit grey image (CV_8UC1).", nameof(frame));
        }

        var ring = GearRing.For(profile);
        var reduction = Math.Max(1, (int)Math.Floor(profile.LineWidthMm / frame.MillimetresPerPixel / WorkingLineWidthPx));
        using var image = new Mat();
        Cv2.Resize(frame.Image, image, new Size(frame.Image.Cols / reduction, frame.Image.Rows / reduction), 0, 0, InterpolationFlags.Area);
        var scale = frame.MillimetresPerPixel * reduction;

        var tipRadiusPx = profile.TipDiameterMm / 2 / scale;
        var found = TipFinder.Find(image, tipRadiusPx);
        var centre = found?.Centre ?? new Point2d((image.Cols - 1) / 2.0, (image.Rows - 1) / 2.0);
        var faceRadius = Math.Min((ring.OuterRadiusMm + profile.LineWidthMm) / scale, tipRadiusPx - 3);
        var half = (int)Math.Ceiling(faceRadius) + 2;
        var region = new Rect((int)Math.Round(centre.X) - half, (int)Math.Round(centre.Y) - half, (2 * half) + 1, (2 * half) + 1);
        if (region.X < 0 || region.Y < 0 || region.Right > image.Cols || region.Bottom > image.Rows)
        {
            throw new ArgumentException($"The gear ring around pixel {centre.X * reduction:0},{centre.Y * reduction:0} reaches outside the {frame.Image.Cols}x{frame.Image.Rows} photograph.", nameof(frame));
        }

        using var face = new Mat(region.Height, region.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(face, new Point(half, half), (int)Math.Floor(faceRadius), Scalar.All(255), -1, LineTypes.Link8);
        using var mark = MarkSegmenter.Segment(image, region, face, options.PreBlurSigmaPx, options.MinimumContrast);
        var angle = mark.Found ? OrientationMarkFinder.Find(mark.Mask, region, centre, ring, scale) : null;
        if (angle is { } turn)
        {
            var geometry = new FrameGeometry(image.Cols, image.Rows, scale, centre, turn);
            return new RingRead(RingReader.Read(mark.Mask, region, ring, geometry.ToPixel, scale), Pose(centre, turn, reduction));
        }

        // Without the mark only a tip fit places the ring well enough to try every slot turn.
        if (mark.Found && found is not null
            && RotationSearch.Find(mark.Mask, region, ring, centre, image.Size(), scale) is { } searched)
        {
            return new RingRead(searched.Reading, Pose(centre, searched.Turn, reduction), ring.SlotCount);
        }

        var nothing = Enumerable.Repeat(CellRead.Unreadable, ring.CellCount).ToArray();
        var why = !mark.Found ? "no mark found on the tip face"
            : found is null ? "the orientation mark was not found"
            : $"the orientation mark was not found and none of the {ring.SlotCount} slot turns decodes on its own";
        return new RingRead(new RingReading(nothing, new double[ring.CellCount], new GearDecodeResult.Undecodable(why)), null, found is null || !mark.Found ? 1 : ring.SlotCount);
    }

    /// <summary>Reads the ring from a photograph of a cartridge-case impression. The firing pin stamps its
    /// tip face into the primer, so the impression is the mirror image of the pin: the photograph is flipped
    /// left to right and read as a pin. The pose is given in the photograph as taken.</summary>
    /// <exception cref="ArgumentException">As <see cref="Read"/>.</exception>
    public static RingRead ReadImpression(CameraFrame frame, PinProfile profile, MarkVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var flipped = new Mat();
        Cv2.Flip(frame.Image, flipped, FlipMode.Y);
        using var mirrored = new CameraFrame(flipped, frame.MillimetresPerPixel);
        var read = Read(mirrored, profile, options);
        return read.Pose is { } pose
            ? read with { Pose = new MarkPose(frame.Image.Cols - 1 - pose.CentreCol, pose.CentreRow, -pose.RotationDeg) }
            : read;
    }

    private static MarkPose Pose(Point2d centre, double turn, int reduction) =>
        new((centre.X * reduction) + ((reduction - 1) / 2.0), (centre.Y * reduction) + ((reduction - 1) / 2.0), turn * 180 / Math.PI);
}

/// <summary>One photograph's reading of the gear ring, and the pose it was read at (null when the
/// ring could not be placed, so nothing could be read). <paramref name="RotationsTried"/> is 1 when the
/// orientation mark fixed the turn, or the number of slot turns tried without it.</summary>
public sealed record RingRead(RingReading Reading, MarkPose? Pose, int RotationsTried = 1)
{
    /// <summary>Chance that a wrong read-out still decodes at one turn: a Reed-Solomon miscorrection
    /// must also pass the CRC-24 (below 2^-24, see <see cref="GearCodec"/>).</summary>
    public const double MiscorrectionChancePerTurn = 1.0 / (1 << 24);

    /// <summary>Upper bound on the chance that what was decoded is not what is on the pin: every turn
    /// tried was one more chance for a miscorrection to pass.</summary>
    public double FalseDecodeRisk => RotationsTried * MiscorrectionChancePerTurn;
}
