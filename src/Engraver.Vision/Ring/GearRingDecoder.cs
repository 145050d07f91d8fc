using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Hardware.Camera;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Reads the gear ring from a photograph without knowing what it should say: finds the tip,
/// the marks on its face and the orientation mark, then reads every cell. Used to identify a pin (or an
/// impression of one) and, with several photographs, to fuse partial reads. A photograph the direct
/// read cannot decode is searched further (<see cref="RobustRingSearch"/>): either polarity, the tip's
/// edge over a wide range of scales and as an ellipse (tilt), and a local threshold.</summary>
public static class GearRingDecoder
{
    /// <summary>Line width, in working pixels, the photograph is reduced (or enlarged) to before reading.</summary>
    internal const double WorkingLineWidthPx = 6;

    /// <summary>Below this many pixels on a side no tip face can be told from noise.</summary>
    internal const int SmallestSidePx = 16;

    /// <exception cref="ArgumentException">The frame is not 8-bit grey.</exception>
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
        if (Math.Min(frame.Image.Cols, frame.Image.Rows) < SmallestSidePx)
        {
            return Nothing(ring, $"the photograph is {frame.Image.Cols}x{frame.Image.Rows} pixels, too small to hold a tip face", 1);
        }

        var direct = ReadDirect(frame, profile, options, ring);
        if (direct.Reading.Decoded is GearDecodeResult.Decoded)
        {
            return direct;
        }

        // When nothing decodes, the direct read is what fusion gets: a mark the search finds in a polarity or
        // at a scale at which nothing decodes is as likely a false one.
        var searched = RobustRingSearch.Read(frame, profile, options, ring, direct.DecodesTried);
        return searched ?? direct;
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

    /// <summary>The cheap path, enough for a photograph taken as the station takes them: the frame
    /// reduced to the working line width, Hough and edge fit near the configured tip radius, Otsu's
    /// threshold over the face.</summary>
    private static RingRead ReadDirect(CameraFrame frame, PinProfile profile, MarkVerifierOptions options, GearRing ring)
    {
        var reduction = Math.Max(1, (int)Math.Floor(profile.LineWidthMm / frame.MillimetresPerPixel / WorkingLineWidthPx));
        using var image = new Mat();
        Cv2.Resize(frame.Image, image, new Size(Math.Max(1, frame.Image.Cols / reduction), Math.Max(1, frame.Image.Rows / reduction)), 0, 0, InterpolationFlags.Area);
        var scale = frame.MillimetresPerPixel * reduction;
        var tipRadiusPx = profile.TipDiameterMm / 2 / scale;
        var found = TipFinder.Find(image, tipRadiusPx);
        var read = ReadFace(image, null, scale, found?.Centre, tipRadiusPx, ring, options, SegmentationKind.Global);
        return read with { Pose = read.Pose is { } pose ? Enlarged(pose, reduction) : null };
    }

    /// <summary>Reads the ring on a working image whose scale is known (line about
    /// <see cref="WorkingLineWidthPx"/> wide). <paramref name="inFrame"/> (255 = part of the photograph,
    /// null for all of it) keeps what lies outside the photograph from being read as bare metal.</summary>
    internal static RingRead ReadFace(Mat image, Mat? inFrame, double scale, Point2d? tipCentre, double tipRadiusPx, GearRing ring, MarkVerifierOptions options, SegmentationKind segmentation)
    {
        var centre = tipCentre ?? new Point2d((image.Cols - 1) / 2.0, (image.Rows - 1) / 2.0);
        var faceRadius = Math.Min((ring.OuterRadiusMm + ring.LineWidthMm) / scale, tipRadiusPx - 3);
        var half = (int)Math.Ceiling(faceRadius) + 2;
        var wanted = new Rect((int)Math.Round(centre.X) - half, (int)Math.Round(centre.Y) - half, (2 * half) + 1, (2 * half) + 1);

        // A ring cut by the edge of the photograph is read where it shows; cells outside are unreadable.
        var region = Rect.Intersect(wanted, new Rect(0, 0, image.Cols, image.Rows));
        if (region.Width < SmallestSidePx || region.Height < SmallestSidePx)
        {
            return Nothing(ring, "the tip face lies outside the photograph", 1);
        }

        using var face = new Mat(region.Height, region.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(face, new Point(half + wanted.X - region.X, half + wanted.Y - region.Y), (int)Math.Floor(faceRadius), Scalar.All(255), -1, LineTypes.Link8);
        if (inFrame is not null)
        {
            using var inside = new Mat(inFrame, region);
            Cv2.BitwiseAnd(face, inside, face);
        }

        using var mark = segmentation == SegmentationKind.Global
            ? MarkSegmenter.Segment(image, region, face, options.PreBlurSigmaPx, options.MinimumContrast)
            : LocalMarkSegmenter.Segment(image, region, face, ring.LineWidthMm / scale);
        var angle = mark.Found ? OrientationMarkFinder.Find(mark.Mask, region, centre, ring, scale) : null;
        if (angle is { } turn)
        {
            var geometry = new FrameGeometry(image.Cols, image.Rows, scale, centre, turn);
            var reading = RingReader.Read(mark.Mask, Visible(face, inFrame), region, ring, geometry.ToPixel, scale);
            return new RingRead(reading, Pose(centre, turn)) { DecodesTried = reading.DecodesTried };
        }

        // Without the mark only a tip fit places the ring well enough to try every slot turn.
        var decodes = 0;
        if (mark.Found && tipCentre is not null)
        {
            var search = RotationSearch.Find(mark.Mask, Visible(face, inFrame), region, ring, centre, image.Size(), scale);
            decodes = search.Decodes;
            if (search.Found is { } searched)
            {
                return new RingRead(searched.Reading, Pose(centre, searched.Turn), ring.SlotCount) { DecodesTried = decodes };
            }

            // Nothing decodes on its own, but the cells still say something: read slot by slot at the grid's
            // phase, they can be placed against other reads of the same ring (RingFusion).
            var grid = new FrameGeometry(image.Cols, image.Rows, scale, centre, search.Phase);
            var slots = RingReader.ReadSlots(mark.Mask, Visible(face, inFrame), region, ring, grid.ToPixel, scale);
            return Nothing(ring, $"the orientation mark was not found and none of the {ring.SlotCount} slot turns decodes on its own", ring.SlotCount)
                with { DecodesTried = decodes, Unplaced = slots };
        }

        var why = !mark.Found ? "no mark found on the tip face"
            : tipCentre is null ? "the orientation mark was not found"
            : $"the orientation mark was not found and none of the {ring.SlotCount} slot turns decodes on its own";
        var turns = tipCentre is null || !mark.Found ? 1 : ring.SlotCount;
        return Nothing(ring, why, turns) with { DecodesTried = decodes };
    }

    // Every cell lies on the face; a face wholly in the photograph needs no check per sample.
    private static Mat? Visible(Mat face, Mat? inFrame) => inFrame is null ? null : face;

    private static RingRead Nothing(GearRing ring, string why, int tried)
    {
        var nothing = Enumerable.Repeat(CellRead.Unreadable, ring.CellCount).ToArray();
        return new RingRead(new RingReading(nothing, new double[ring.CellCount], new GearDecodeResult.Undecodable(why)) { DecodesTried = 0 }, null, tried) { DecodesTried = 0 };
    }

    private static MarkPose Pose(Point2d centre, double turn) => new(centre.X, centre.Y, turn * 180 / Math.PI);

    private static MarkPose Enlarged(MarkPose pose, int reduction) =>
        pose with { CentreCol = (pose.CentreCol * reduction) + ((reduction - 1) / 2.0), CentreRow = (pose.CentreRow * reduction) + ((reduction - 1) / 2.0) };
}

/// <summary>How the marks are told from the metal: one threshold over the whole face, or against the
/// metal's own brightness around each point (gradients, hot spots, low contrast).</summary>
internal enum SegmentationKind
{
    Global,
    Local,
}

/// <summary>One photograph's reading of the gear ring, and the pose it was read at (null when the
/// ring could not be placed, so nothing could be read). <paramref name="RotationsTried"/> is 1 when the
/// orientation mark fixed the turn, or the number of slot turns tried without it.</summary>
public sealed record RingRead(RingReading Reading, MarkPose? Pose, int RotationsTried = 1)
{
    /// <summary>Chance that a wrong read-out still decodes when offered to the code once: a Reed-Solomon miscorrection
    /// must also pass the CRC-24 (below 2^-24, see <see cref="GearCodec"/>).</summary>
    public const double MiscorrectionChancePerTurn = 1.0 / (1 << 24);

    /// <summary>What the photograph needed to be read: "bright marks on dark", "scale 0.80x",
    /// "tilt 12 deg", "local threshold"; empty when it read as taken.</summary>
    public IReadOnlyList<string> Adjustments { get; init; } = [];

    /// <summary>Read-outs offered to the code before this one was taken (or in all, when none decoded):
    /// every turn, every reading of unstruck blanks as erasures, every further search of a hard
    /// photograph.</summary>
    public int DecodesTried { get; init; } = 1;

    /// <summary>When the ring was found but could not be turned into place (no orientation mark, and no turn
    /// decodes on its own): every slot read cell by cell, slot 0 at an unknown whole-slot turn from the
    /// orientation mark, slot s track t at (s x tracks) + t. Null otherwise.</summary>
    public IReadOnlyList<CellRead>? Unplaced { get; init; }

    /// <summary>Upper bound on the chance that what was decoded is not what is on the pin: every
    /// read-out offered to the code was one more chance for a miscorrection to pass.</summary>
    public double FalseDecodeRisk => DecodesTried * MiscorrectionChancePerTurn;
}
