using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Vision.Ring;

namespace Engraver.Vision.Tests;

public sealed class StrikeEvidenceTests
{
    private static readonly GearRing Ring = GearRing.For(PinProfile.Default);

    [Fact]
    public void Cells_read_as_they_are_come_first()
    {
        var cells = Cells(slot => slot % 2 == 0);

        var hypotheses = StrikeEvidence.Hypotheses(cells, Ring.TrackCount);

        Assert.Same(cells, hypotheses[0]);
        Assert.Single(hypotheses);
    }

    [Fact]
    public void Blanks_in_a_bare_arc_and_at_its_edges_become_erasures_and_marks_stay()
    {
        // Slots 40..79 unstruck (bare); every other slot elsewhere has a mark in track 0. Slot 39 is
        // blank with bare metal on one side, so it is no better evidenced than the arc.
        var cells = Cells(slot => slot is < 40 or > 79 && slot % 2 == 0);

        var erased = StrikeEvidence.Hypotheses(cells, Ring.TrackCount)[^1];

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

        var hypotheses = StrikeEvidence.Hypotheses(cells, Ring.TrackCount);

        Assert.Equal(3, hypotheses.Count);
        Assert.Equal(CellRead.NoMark, hypotheses[1][30]);
        Assert.Equal(CellRead.Unreadable, hypotheses[2][30]);
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
