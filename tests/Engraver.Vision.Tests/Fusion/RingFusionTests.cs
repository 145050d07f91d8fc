using Engraver.Core.Identity;
using Engraver.Core.Microstamp;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;

namespace Engraver.Vision.Tests.Fusion;

/// <summary>Reads of a ring as the decoder hands them to fusion, made from the code itself: each shows an
/// arc of the ring (the rest unstruck, reading as bare metal), placed by its orientation mark or read slot
/// by slot at an unknown turn.</summary>
public sealed class RingFusionTests
{
    private const int Slots = 144;
    private const int Tracks = 3;
    private static readonly MicrostampIdentity Identity = new("ACMEFAB", "P320-X9", "AB12CD34EF56");
    private static readonly MicrostampIdentity Other = new("ACMEFAB", "P320-X9", "ZZ98YX76WV54");

    [Fact]
    public void Three_reads_none_showing_the_orientation_mark_are_placed_by_their_cells_and_decode_at_one_turn()
    {
        var reads = new[] { Unplaced(Identity, 10, 58, 17), Unplaced(Identity, 52, 58, 101), Unplaced(Identity, 94, 58, 63) };

        var fused = RingFusion.Fuse(reads);

        Assert.All(reads, r => Assert.IsNotType<GearDecodeResult.Decoded>(GearCodec.Instance.Decode(Code(r.Unplaced!, 0))));
        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(fused.Decoded).Value);
        Assert.False(fused.TurnFromMark);
        Assert.Equal(0, fused.LeftOut);
        Assert.Equal(2, fused.Placements.Count(p => p.How.StartsWith("placed by its cells", StringComparison.Ordinal)));
        Assert.InRange(fused.FalseDecodeRisk, 1e-9, 1e-3);
    }

    [Fact]
    public void Read_without_the_mark_is_placed_against_reads_placed_by_theirs()
    {
        var reads = new[] { Placed(Identity, 2, 58), Placed(Identity, 44, 58), Unplaced(Identity, 86, 58, 77) };

        var fused = RingFusion.Fuse(reads);

        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(fused.Decoded).Value);
        Assert.True(fused.TurnFromMark);
        Assert.True(fused.Placements[2].Placed, fused.Placements[2].How);
    }

    [Fact]
    public void Read_of_another_ring_is_left_out_and_said_so_never_fused_in()
    {
        var reads = new[] { Placed(Identity, 2, 80), Placed(Identity, 60, 82), Unplaced(Other, 30, 58, 40) };

        var fused = RingFusion.Fuse(reads);

        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(fused.Decoded).Value);
        Assert.False(fused.Placements[2].Placed);
        Assert.StartsWith("left out: ", fused.Placements[2].How, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_that_shares_too_few_cells_with_the_others_is_left_out()
    {
        // The first two show slots 2 to 79; the third only slots 82 to 139.
        var reads = new[] { Placed(Identity, 2, 40), Placed(Identity, 40, 40), Unplaced(Identity, 82, 58, 5) };

        var fused = RingFusion.Fuse(reads);

        Assert.False(fused.Placements[2].Placed);
        Assert.Contains("shares only", fused.Placements[2].How, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_of_noise_is_left_out_and_the_rest_still_decodes()
    {
        var random = new Random(4);
        var noise = Enumerable.Range(0, Slots * Tracks).Select(_ => random.Next(3) switch { 0 => CellRead.Mark, 1 => CellRead.NoMark, _ => CellRead.Unreadable }).ToArray();
        var reads = new[] { Placed(Identity, 2, 80), Placed(Identity, 60, 82), new RingRead(Nothing(), null, Slots) { Unplaced = noise } };

        var fused = RingFusion.Fuse(reads);

        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(fused.Decoded).Value);
        Assert.False(fused.Placements[2].Placed);
    }

    [Fact]
    public void Read_whose_orientation_mark_is_false_is_placed_by_its_cells()
    {
        // Its cells are those of a turn 37 slots away from where its "mark" puts them.
        var falseMark = Unplaced(Identity, 44, 58, 37).Unplaced!;
        var reads = new[] { Placed(Identity, 2, 58), new RingRead(new RingReading(Code(falseMark, 0), new double[GearRing.CellsPerRing], new GearDecodeResult.Undecodable("partial")), new MarkPose(0, 0, 0)), Unplaced(Identity, 86, 58, 77) };

        var fused = RingFusion.Fuse(reads);

        Assert.True(fused.Decoded is GearDecodeResult.Decoded, fused.Decoded + string.Join("\n", fused.Placements));
        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(fused.Decoded).Value);
        Assert.Contains("false mark", fused.Placements[1].How, StringComparison.Ordinal);
    }

    [Fact]
    public void Photograph_with_nothing_read_is_left_out_and_said_so()
    {
        var fused = RingFusion.Fuse([new RingRead(Nothing(), null)]);

        Assert.False(Assert.Single(fused.Placements).Placed);
        Assert.IsType<GearDecodeResult.Undecodable>(fused.Decoded);
    }

    /// <summary>The ring slot by slot: the mark's slot and the slots beside it covered by its bars, the
    /// guards blank, the data slots as coded; outside the arc from <paramref name="fromSlot"/> unstruck.</summary>
    private static CellRead[] Ring(MicrostampIdentity identity, int fromSlot, int slots)
    {
        var code = GearCodec.Instance.Encode(identity);
        var ring = new CellRead[Slots * Tracks];
        for (var slot = 0; slot < Slots; slot++)
        {
            var shown = ((slot - fromSlot) % Slots + Slots) % Slots < slots;
            for (var track = 0; track < Tracks; track++)
            {
                var cell = (slot * Tracks) + track;
                ring[cell] = slot is 0 or 1 or 143 ? CellRead.Unreadable
                    : slot is 142 || !shown ? CellRead.NoMark
                    : code[cell - (2 * Tracks)] ? CellRead.Mark : CellRead.NoMark;
            }
        }

        return ring;
    }

    private static RingRead Placed(MicrostampIdentity identity, int fromSlot, int slots) =>
        new(new RingReading(Code(Ring(identity, fromSlot, slots), 0), new double[GearRing.CellsPerRing], new GearDecodeResult.Undecodable("partial")), new MarkPose(0, 0, 0));

    /// <summary>Read at an unknown turn: slot s of the read is slot s + <paramref name="turn"/> of the ring.</summary>
    private static RingRead Unplaced(MicrostampIdentity identity, int fromSlot, int slots, int turn)
    {
        var ring = Ring(identity, fromSlot, slots);
        var read = new CellRead[ring.Length];
        for (var slot = 0; slot < Slots; slot++)
        {
            Array.Copy(ring, ((slot + turn) % Slots) * Tracks, read, slot * Tracks, Tracks);
        }

        return new RingRead(Nothing(), null, Slots) { Unplaced = read };
    }

    private static CellRead[] Code(IReadOnlyList<CellRead> slots, int turn) =>
        Enumerable.Range(0, GearRing.CellsPerRing).Select(c => slots[(((c / Tracks) + 2 - turn + Slots) % Slots * Tracks) + (c % Tracks)]).ToArray();

    private static RingReading Nothing() =>
        new(Enumerable.Repeat(CellRead.Unreadable, GearRing.CellsPerRing).ToArray(), new double[GearRing.CellsPerRing], new GearDecodeResult.Undecodable("nothing"));
}
