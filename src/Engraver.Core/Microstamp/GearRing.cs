using System.Globalization;
using Engraver.Core.Layout;

namespace Engraver.Core.Microstamp;

/// <summary>Where the gear code sits on a pin tip, in pin-local millimetres and radians (origin at the
/// tip centre, angles counter-clockwise from +X).
/// <para>The ring is divided into <see cref="SlotCount"/> equal angular slots; slot 0 is centred on
/// angle 0 and holds the orientation mark: two bars that run the full band from
/// <see cref="InnerRadiusMm"/> to <see cref="OuterRadiusMm"/>, half a slot pitch either side of angle 0.
/// Slots 1 and 142, 143 stay blank as guards. The 140 data slots (2..141) each hold
/// <see cref="TrackCount"/> cells, one per concentric track; a marked cell is one radial bar, a line
/// width wide, inside its track. Tracks are separated by a gap of two line widths, so no data pattern
/// can make a mark that crosses a gap: only the orientation mark does.</para>
/// <para>Cell numbering: cell c lies in data slot c / 3 (counted counter-clockwise from the first
/// slot after the mark) and track c % 3 (0 = innermost).</para></summary>
public sealed record GearRing
{
    /// <summary>Cells in every ring, whatever the profile: the code has a fixed size and the ring scales.</summary>
    public const int CellsPerRing = Slots.Data * Slots.Tracks;

    private GearRing(double innerRadiusMm, double outerRadiusMm, double lineWidthMm)
    {
        InnerRadiusMm = innerRadiusMm;
        OuterRadiusMm = outerRadiusMm;
        LineWidthMm = lineWidthMm;
        TrackGapMm = 2 * lineWidthMm;
        TrackLengthMm = (outerRadiusMm - innerRadiusMm - ((Slots.Tracks - 1) * TrackGapMm)) / Slots.Tracks;
    }

    /// <summary>Innermost radius any ring stroke reaches (its centre line; the burn is half a line width wider).</summary>
    public double InnerRadiusMm { get; }

    /// <summary>Outermost radius any ring stroke reaches (its centre line).</summary>
    public double OuterRadiusMm { get; }

    public double LineWidthMm { get; }

    /// <summary>Radial length of one cell's bar (centre line).</summary>
    public double TrackLengthMm { get; }

    /// <summary>Radial distance between the end of one track's bars and the start of the next track's.</summary>
    public double TrackGapMm { get; }

    public double SlotPitchRad => 2 * Math.PI / Slots.Total;

    /// <summary>Centre angle of the orientation mark.</summary>
    public double OrientationMarkAngleRad => 0;

    /// <summary>The mark's two bars lie at -this and +this around <see cref="OrientationMarkAngleRad"/>
    /// (centre lines), each a line width wide.</summary>
    public double OrientationMarkHalfWidthRad => SlotPitchRad / 2;

    /// <summary>Number of cells, and of read-outs the codec expects.</summary>
    public int CellCount => CellsPerRing;

    /// <summary>Equal angular slots around the ring; slot 0 is centred on the orientation mark.</summary>
    public int SlotCount => Slots.Total;

    /// <summary>Concentric tracks; each data slot holds one cell per track.</summary>
    public int TrackCount => Slots.Tracks;

    /// <summary>Slot of cell 0; slot 0 is the mark and slot 1 a guard.</summary>
    public int FirstDataSlot => Slots.FirstData;

    /// <summary>The ring for a pin profile: from a line width outside the text disc (so the burn starts
    /// half a line width beyond its edge) to the profile's edge keep-out inside the tip's edge.</summary>
    /// <exception cref="LayoutException">The band is too narrow for three tracks, or the tip too small
    /// for 144 slots two line widths apart.</exception>
    public static GearRing For(PinProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var lineWidth = profile.LineWidthMm;
        if (!double.IsFinite(lineWidth) || lineWidth <= 0 || !double.IsFinite(profile.TipDiameterMm) || !double.IsFinite(profile.RingBandWidthMm)
            || !double.IsFinite(profile.EdgeKeepOutMm) || profile.EdgeKeepOutMm < 0)
        {
            throw new LayoutException("The pin profile cannot carry the gear ring: line width, tip diameter, ring band width and edge keep-out must be finite, the line width above zero and the keep-out not negative.");
        }

        var pitch = 2 * Math.PI / Slots.Total;
        var ring = new GearRing(profile.UsableRadiusMm + lineWidth, (profile.TipDiameterMm / 2) - profile.EdgeKeepOutMm, lineWidth);
        if (ring.TrackLengthMm < 2 * lineWidth)
        {
            throw new LayoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"The pin profile cannot carry the gear ring: a {profile.RingBandWidthMm} mm ring band with a {profile.EdgeKeepOutMm} mm edge keep-out leaves {ring.TrackLengthMm:F4} mm per track for {Slots.Tracks} tracks with gaps of {ring.TrackGapMm:F4} mm; each track needs at least {2 * lineWidth:F4} mm."));
        }

        var spacing = ring.InnerRadiusMm * pitch;
        if (spacing < 2 * lineWidth)
        {
            throw new LayoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"The pin profile cannot carry the gear ring: {Slots.Total} slots at radius {ring.InnerRadiusMm:F4} mm are {spacing:F4} mm apart, less than two line widths ({2 * lineWidth:F4} mm)."));
        }

        return ring;
    }

    /// <summary>Centre angle of a cell, counter-clockwise from +X; cell 0 is the first slot after the mark.</summary>
    public double CellCentreAngleRad(int cell) => (Slots.FirstData + (CheckCell(cell) / Slots.Tracks)) * SlotPitchRad;

    /// <summary>Track of a cell: 0 is the innermost.</summary>
    public int CellTrack(int cell) => CheckCell(cell) % Slots.Tracks;

    public double TrackInnerRadiusMm(int track)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(track);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(track, Slots.Tracks);
        return InnerRadiusMm + (track * (TrackLengthMm + TrackGapMm));
    }

    public double TrackOuterRadiusMm(int track) => TrackInnerRadiusMm(track) + TrackLengthMm;

    /// <summary>Where a cell's bar starts (inner end of its centre line).</summary>
    public double CellInnerRadiusMm(int cell) => TrackInnerRadiusMm(CellTrack(cell));

    /// <summary>Where a cell's bar ends (outer end of its centre line).</summary>
    public double CellOuterRadiusMm(int cell) => TrackOuterRadiusMm(CellTrack(cell));

    /// <summary>The middle of a cell, the place to sample it.</summary>
    public double CellCentreRadiusMm(int cell) => TrackInnerRadiusMm(CellTrack(cell)) + (TrackLengthMm / 2);

    private static int CheckCell(int cell)
    {
        if (cell is < 0 or >= CellsPerRing)
        {
            throw new ArgumentOutOfRangeException(nameof(cell), cell, $"A gear ring has cells 0 to {CellsPerRing - 1}.");
        }

        return cell;
    }

    private static class Slots
    {
        public const int Total = 144;
        public const int Tracks = 3;
        public const int FirstData = 2;
        public const int Data = 140;
    }
}
