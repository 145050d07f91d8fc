using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Vision.Ring;

namespace Engraver.Vision.Tests;

public sealed class StrikeEvidenceTests
{
    private static readonly GearRing Ring = GearRing.For(PinProfile.Default);

    [Fact]
    public void Ring_struck_all_round_offers_no_further_reading()
    {
        var cells = Cells(slot => slot % 2 == 0);

        Assert.Empty(StrikeEvidence.Erasures(cells, Ring.TrackCount));
    }

    [Fact]
    public void Blanks_in_a_bare_arc_and_at_its_edges_become_erasures_and_marks_stay()
    {
        // Slots 40..79 unstruck (bare); every other slot elsewhere has a mark in track 0. Slot 39 is
        // blank with bare metal on one side, so it is no better evidenced than the arc.
        var cells = Cells(slot => slot is < 40 or > 79 && slot % 2 == 0);

        var erased = StrikeEvidence.Erasures(cells, Ring.TrackCount)[^1];

        for (var slot = 0; slot < 140; slot++)
        {
            for (var track = 0; track < 3; track++)
            {
                var cell = (slot * 3) + track;
                var expected = cells[cell] == CellRead.Mark ? CellRead.Mark
                    : slot is >= 39 and <= 79 ? CellRead.Unreadable
                    : CellRead.NoMark;
                Assert.True(expected == erased[cell], $"slot {slot} track {track}: {erased[cell]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Blank_run_from_cell_0_is_kept_as_padding_in_one_reading_and_erased_in_the_other()
    {
        // A short identity: the first 24 slots are zero bytes, then data.
        var cells = Cells(slot => slot >= 24 && slot % 2 == 0);

        var further = StrikeEvidence.Erasures(cells, Ring.TrackCount);

        Assert.Equal(2, further.Count);
        Assert.Equal(CellRead.NoMark, further[0][30]);
        Assert.Equal(CellRead.Unreadable, further[1][30]);
    }

    private static CellRead[] Cells(Func<int, bool> marked)
    {
        var cells = new CellRead[Ring.CellCount];
        for (var slot = 0; slot < 140; slot++)
        {
            for (var track = 0; track < 3; track++)
            {
                cells[(slot * 3) + track] = track == 0 && marked(slot) ? CellRead.Mark : CellRead.NoMark;
            }
        }

        return cells;
    }
}
