using Engraver.Core.Microstamp;
using OpenCvSharp;

namespace Engraver.Vision.Ring;

/// <summary>Reads every cell of a gear ring at a known pose by walking the centre line of the cell's
/// bar across the mark mask: mostly dark is a mark, mostly light no mark, anything between (or outside
/// the picture) unreadable. Confidence is how far the dark fraction is from the undecided middle.
/// A blank is only believed where the ring around it shows it was struck (<see cref="StrikeEvidence"/>).</summary>
internal static class RingReader
{
    private const double MarkAbove = 0.6;
    private const double NoMarkBelow = 0.25;

    /// <param name="mark">Mark mask (255 = mark) over <paramref name="region"/> of the image.</param>
    /// <param name="visible">Over the same region, 255 where the tip face is in the photograph; a sample
    /// elsewhere was not seen. Null when all of the region was.</param>
    /// <param name="toPixel">Pin-local mm to image pixels at the pose found.</param>
    public static RingReading Read(Mat mark, Mat? visible, Rect region, GearRing ring, Func<Core.Geometry.Point2, Point2d> toPixel, double millimetresPerPixel)
    {
        var cells = new CellRead[ring.CellCount];
        var confidence = new double[ring.CellCount];
        for (var cell = 0; cell < ring.CellCount; cell++)
        {
            (cells[cell], confidence[cell]) = ReadCell(mark, visible, region, ring, toPixel, millimetresPerPixel, ring.CellCentreAngleRad(cell), ring.CellTrack(cell));
        }

        // The cells as read first; only when they do not decode, with blanks no strike shows around made erasures.
        var asRead = GearCodec.Instance.Decode(cells);
        if (asRead is GearDecodeResult.Decoded)
        {
            return new RingReading(cells, confidence, asRead);
        }

        var further = StrikeEvidence.Erasures(cells, ring.TrackCount);
        for (var i = 0; i < further.Count; i++)
        {
            if (GearCodec.Instance.Decode(further[i]) is GearDecodeResult.Decoded decoded)
            {
                var erased = further[i];
                var sure = confidence.Select((c, cell) => erased[cell] == CellRead.Unreadable ? 0 : c).ToArray();
                return new RingReading(erased, sure, decoded) { DecodesTried = i + 2 };
            }
        }

        return new RingReading(cells, confidence, asRead) { DecodesTried = further.Count + 1 };
    }

    /// <summary>Every slot of the ring, the orientation mark's and the guards' included, read cell by cell
    /// at the pose given: slot s (s = 0 at the pose's turn) track t is entry (s x tracks) + t. Used when the
    /// turn is known only up to a whole slot: the read is placed later, against other reads.</summary>
    public static CellRead[] ReadSlots(Mat mark, Mat? visible, Rect region, GearRing ring, Func<Core.Geometry.Point2, Point2d> toPixel, double millimetresPerPixel)
    {
        var cells = new CellRead[ring.SlotCount * ring.TrackCount];
        for (var slot = 0; slot < ring.SlotCount; slot++)
        {
            for (var track = 0; track < ring.TrackCount; track++)
            {
                cells[(slot * ring.TrackCount) + track] = ReadCell(mark, visible, region, ring, toPixel, millimetresPerPixel, slot * ring.SlotPitchRad, track).Read;
            }
        }

        return cells;
    }

    /// <summary>One cell's bar, walked along its centre line.</summary>
    private static (CellRead Read, double Confidence) ReadCell(Mat mark, Mat? visible, Rect region, GearRing ring, Func<Core.Geometry.Point2, Point2d> toPixel, double millimetresPerPixel, double angle, int track)
    {
        var (sin, cos) = Math.SinCos(angle);
        var inner = ring.TrackInnerRadiusMm(track);
        var outer = ring.TrackOuterRadiusMm(track);
        var steps = Math.Max(2, (int)Math.Ceiling((outer - inner) / millimetresPerPixel));
        int seen = 0, dark = 0;
        for (var k = 0; k <= steps; k++)
        {
            var r = inner + ((outer - inner) * k / steps);
            var p = toPixel(new Core.Geometry.Point2(r * cos, r * sin));
            var col = (int)Math.Round(p.X) - region.X;
            var row = (int)Math.Round(p.Y) - region.Y;
            if (col < 0 || row < 0 || col >= mark.Cols || row >= mark.Rows || (visible is not null && visible.At<byte>(row, col) == 0))
            {
                continue;
            }

            seen++;
            dark += mark.At<byte>(row, col) != 0 ? 1 : 0;
        }

        var fraction = seen == 0 ? 0.5 : (double)dark / seen;

        // Between two slots the ring is always blank; dark there means the cell is covered, not marked.
        // One dark side is enough: at the edge of an occluded arc the cell is half covered, and a
        // guess there would be an error where an erasure costs the code half as much.
        var middle = inner + (ring.TrackLengthMm / 2);
        var covered = IsDark(mark, region, toPixel, middle, angle + (ring.SlotPitchRad / 2))
            || IsDark(mark, region, toPixel, middle, angle - (ring.SlotPitchRad / 2));
        var read = seen < steps / 2 || covered ? CellRead.Unreadable
            : fraction >= MarkAbove ? CellRead.Mark
            : fraction <= NoMarkBelow ? CellRead.NoMark
            : CellRead.Unreadable;
        return (read, seen == 0 || covered ? 0 : Math.Min(1, Math.Abs(fraction - 0.5) * 2));
    }

    private static bool IsDark(Mat mark, Rect region, Func<Core.Geometry.Point2, Point2d> toPixel, double radius, double angle)
    {
        var p = toPixel(new Core.Geometry.Point2(radius * Math.Cos(angle), radius * Math.Sin(angle)));
        var col = (int)Math.Round(p.X) - region.X;
        var row = (int)Math.Round(p.Y) - region.Y;
        return col >= 0 && row >= 0 && col < mark.Cols && row < mark.Rows && mark.At<byte>(row, col) != 0;
    }
}

/// <summary>What was read from the gear ring: each cell (cell 0 first) with its confidence (0 to 1),
/// and what the code decodes to.</summary>
public sealed record RingReading(IReadOnlyList<CellRead> Cells, IReadOnlyList<double> Confidence, GearDecodeResult Decoded)
{
    /// <summary>How many read-outs of these cells were offered to the code (as read, then with unstruck
    /// blanks erased): each was one more chance for a miscorrection to pass.</summary>
    public int DecodesTried { get; init; } = 1;

    public int Marks => Cells.Count(c => c == CellRead.Mark);

    public int NoMarks => Cells.Count(c => c == CellRead.NoMark);

    public int Unreadable => Cells.Count(c => c == CellRead.Unreadable);

    public double MeanConfidence => Confidence.Count == 0 ? 0 : Confidence.Average();
}
