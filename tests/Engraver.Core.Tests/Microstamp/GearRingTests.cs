using Engraver.Core.Layout;
using Engraver.Core.Microstamp;

namespace Engraver.Core.Tests.Microstamp;

public sealed class GearRingTests
{
    private readonly GearRing _ring = GearRing.For(PinProfile.Default);

    [Fact]
    public void Default_ring_has_420_cells_in_three_tracks_of_140_slots()
    {
        Assert.Equal(420, _ring.CellCount);
        Assert.Equal(3, _ring.TrackCount);
        Assert.Equal(144, _ring.SlotCount);
        Assert.Equal(GearRing.CellsPerRing, _ring.CellCount);
    }

    [Fact]
    public void Neighbouring_cells_are_at_least_two_line_widths_apart_at_the_inner_radius()
    {
        var spacing = _ring.InnerRadiusMm * _ring.SlotPitchRad;

        Assert.True(spacing >= 2 * PinProfile.Default.LineWidthMm, $"spacing {spacing}");
    }

    [Fact]
    public void Tracks_are_separated_by_two_line_widths_and_stay_inside_the_band()
    {
        var profile = PinProfile.Default;

        Assert.Equal(2 * profile.LineWidthMm, _ring.TrackGapMm, 12);
        Assert.Equal(_ring.TrackInnerRadiusMm(1) - _ring.TrackOuterRadiusMm(0), _ring.TrackGapMm, 12);
        Assert.Equal(_ring.OuterRadiusMm, _ring.TrackOuterRadiusMm(2), 12);
        Assert.True(_ring.InnerRadiusMm - (profile.LineWidthMm / 2) > profile.UsableRadiusMm);
        Assert.True(_ring.OuterRadiusMm + (profile.LineWidthMm / 2) <= (profile.TipDiameterMm / 2) - profile.EdgeKeepOutMm + profile.LineWidthMm);
        Assert.True(_ring.TrackLengthMm >= 2 * profile.LineWidthMm);
    }

    [Fact]
    public void Cell_0_is_the_first_slot_counter_clockwise_after_the_mark()
    {
        Assert.Equal(0, _ring.OrientationMarkAngleRad);
        Assert.Equal(2 * _ring.SlotPitchRad, _ring.CellCentreAngleRad(0), 12);
        Assert.Equal(0, _ring.CellTrack(0));
        Assert.Equal(2, _ring.CellTrack(2));
        Assert.Equal(_ring.CellCentreAngleRad(0), _ring.CellCentreAngleRad(2));
        Assert.Equal(3 * _ring.SlotPitchRad, _ring.CellCentreAngleRad(3), 12);
    }

    [Fact]
    public void Last_cell_leaves_two_blank_slots_before_the_mark()
    {
        var last = _ring.CellCentreAngleRad(_ring.CellCount - 1);

        Assert.Equal((2 * Math.PI) - (3 * _ring.SlotPitchRad), last, 12);
    }

    [Fact]
    public void Cell_centre_lies_halfway_along_its_bar()
    {
        Assert.Equal((_ring.CellInnerRadiusMm(4) + _ring.CellOuterRadiusMm(4)) / 2, _ring.CellCentreRadiusMm(4), 12);
        Assert.Equal(_ring.TrackInnerRadiusMm(1), _ring.CellInnerRadiusMm(4));
    }

    [Fact]
    public void Cell_outside_the_ring_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ring.CellCentreAngleRad(420));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ring.CellTrack(-1));
    }

    [Fact]
    public void Band_too_narrow_for_three_tracks_is_refused_saying_why()
    {
        var error = Assert.Throws<LayoutException>(() => GearRing.For(PinProfile.Default with { RingBandWidthMm = 0.15 }));

        Assert.Contains("each track needs at least 0.0240 mm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tip_too_small_for_the_slots_is_refused_saying_why()
    {
        var profile = PinProfile.Default with { TipDiameterMm = 1.0, RingBandWidthMm = 0.15, EdgeKeepOutMm = 0 };

        var error = Assert.Throws<LayoutException>(() => GearRing.For(profile));

        Assert.Contains("less than two line widths", error.Message, StringComparison.Ordinal);
    }
}
