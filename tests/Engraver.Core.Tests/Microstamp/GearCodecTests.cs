using Engraver.Core.Identity;
using Engraver.Core.Microstamp;
using Engraver.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.Microstamp;

public sealed class GearCodecTests
{
    private static readonly GearCodec Codec = GearCodec.Instance;

    [Property(MaxTest = 200)]
    public Property Identity_round_trips_through_cells() =>
        Prop.ForAll(GearGen.Identity.ToArbitrary(), identity =>
            Codec.Decode(GearGen.Read(Codec.Encode(identity))) is GearDecodeResult.Decoded { CorrectedErrors: 0, Erasures: 0 } d
            && d.Value == identity);

    [Property(MaxTest = 200)]
    public Property Any_contiguous_forty_percent_of_the_ring_may_be_missing() =>
        Prop.ForAll(GearGen.Identity.ToArbitrary(), Gen.Choose(0, 143).ToArbitrary(), (identity, start) =>
        {
            var read = GearGen.Erase(GearGen.Read(Codec.Encode(identity)), GearGen.ArcCells(start, GearGen.FortyPercentSlots));
            return Codec.Decode(read).Identity == identity;
        });

    [Property(MaxTest = 200)]
    public Property Forty_percent_missing_and_three_wrong_cells_still_decode() =>
        Prop.ForAll(
            GearGen.Identity.ToArbitrary(),
            Gen.Choose(0, 143).ToArbitrary(),
            Gen.Choose(0, GearRing.CellsPerRing - 1).ArrayOf(3).ToArbitrary(),
            (identity, start, wrong) =>
            {
                var erased = GearGen.Erase(GearGen.Read(Codec.Encode(identity)), GearGen.ArcCells(start, GearGen.FortyPercentSlots));
                return Codec.Decode(GearGen.Flip(erased, wrong)).Identity == identity;
            });

    /// <summary>Why a reader must tell an unstruck arc from blanks: read as erasures, 40% of the ring
    /// unstruck always decodes; read as "no mark" (every marked cell there a wrong cell) it may not, and
    /// is never a wrong identity.</summary>
    [Property(MaxTest = 200)]
    public Property Forty_percent_unstruck_decodes_as_erasures_and_as_blanks_is_never_a_wrong_identity() =>
        Prop.ForAll(GearGen.Identity.ToArbitrary(), Gen.Choose(0, 143).ToArbitrary(), (identity, start) =>
        {
            var arc = GearGen.ArcCells(start, GearGen.FortyPercentSlots).ToList();
            var asErasures = GearGen.Erase(GearGen.Read(Codec.Encode(identity)), arc);
            var asBlanks = GearGen.Read(Codec.Encode(identity)).ToArray();
            foreach (var cell in arc)
            {
                asBlanks[cell] = CellRead.NoMark;
            }

            var blanks = Codec.Decode(asBlanks).Identity;
            return Codec.Decode(asErasures).Identity == identity && (blanks is null || blanks == identity);
        });

    [Property(MaxTest = 200)]
    public Property Fourteen_wrong_cells_with_nothing_missing_still_decode() =>
        Prop.ForAll(
            GearGen.Identity.ToArbitrary(),
            Gen.Choose(0, GearRing.CellsPerRing - 1).ArrayOf(14).ToArbitrary(),
            (identity, wrong) => Codec.Decode(GearGen.Flip(GearGen.Read(Codec.Encode(identity)), wrong.Distinct())).Identity == identity);

    [Property(MaxTest = 100)]
    public Property Three_reads_each_missing_a_different_sixty_percent_arc_fuse_into_the_identity() =>
        Prop.ForAll(GearGen.Identity.ToArbitrary(), Gen.Choose(0, 143).ToArbitrary(), (identity, start) =>
        {
            var clean = GearGen.Read(Codec.Encode(identity));
            var missing = (int)Math.Floor(0.6 * 144);
            var reads = Enumerable.Range(0, 3)
                .Select(i => (IReadOnlyList<CellRead>)GearGen.Erase(clean, GearGen.ArcCells(start + (i * 48), missing)))
                .ToArray();
            var alone = reads.Select(r => Codec.Decode(r)).ToArray();
            return (Codec.Fuse(reads).Identity == identity).Label("fused")
                .And(alone.All(r => r is GearDecodeResult.Undecodable).Label("no single read decodes"));
        });

    [Property(MaxTest = 300)]
    public Property Corrupted_read_beyond_tolerance_is_never_a_wrong_identity() =>
        Prop.ForAll(
            GearGen.Identity.ToArbitrary(),
            Gen.Choose(0, 143).ToArbitrary(),
            Gen.Choose(0, GearRing.CellsPerRing - 1).ArrayOf(40).ToArbitrary(),
            (identity, start, wrong) =>
            {
                var erased = GearGen.Erase(GearGen.Read(Codec.Encode(identity)), GearGen.ArcCells(start, GearGen.FortyPercentSlots));
                var result = Codec.Decode(GearGen.Flip(erased, wrong));
                return result.Identity is null || result.Identity == identity;
            });

    [Property(MaxTest = 300)]
    public Property Random_cells_never_decode() =>
        Prop.ForAll(Gen.Elements(CellRead.Mark, CellRead.NoMark).ArrayOf(GearRing.CellsPerRing).ToArbitrary(), cells =>
            Codec.Decode(cells) is GearDecodeResult.Undecodable);

    [Property(MaxTest = 200)]
    public Property Any_contiguous_half_of_the_ring_may_be_missing_when_the_rest_reads_right() =>
        Prop.ForAll(GearGen.Identity.ToArbitrary(), Gen.Choose(0, 143).ToArbitrary(), (identity, start) =>
            Codec.Decode(GearGen.Erase(GearGen.Read(Codec.Encode(identity)), GearGen.ArcCells(start, 72))).Identity == identity);

    [Fact]
    public void Blank_ring_is_undecodable()
    {
        var result = Codec.Decode(Enumerable.Repeat(CellRead.NoMark, GearRing.CellsPerRing).ToArray());

        Assert.IsType<GearDecodeResult.Undecodable>(result);
    }

    [Fact]
    public void Sixty_percent_of_the_ring_missing_is_undecodable_and_says_why()
    {
        var read = GearGen.Erase(GearGen.Read(Codec.Encode(Sample)), GearGen.ArcCells(10, 87));

        var result = Assert.IsType<GearDecodeResult.Undecodable>(Codec.Decode(read));

        Assert.Contains("unreadable", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoded_result_counts_erased_symbols_and_corrected_errors()
    {
        var read = GearGen.Flip(GearGen.Erase(GearGen.Read(Codec.Encode(Sample)), Enumerable.Range(0, 16)), [100, 200]);

        var result = Assert.IsType<GearDecodeResult.Decoded>(Codec.Decode(read));

        Assert.Equal(2, result.Erasures);
        Assert.Equal(2, result.CorrectedErrors);
    }

    [Fact]
    public void Encoding_has_one_cell_per_ring_cell_and_leaves_the_spare_cells_blank()
    {
        var cells = Codec.Encode(Sample);

        Assert.Equal(GearRing.CellsPerRing, cells.Count);
        Assert.All(cells.Skip(GearCodec.SymbolCount * 8), Assert.False);
    }

    [Fact]
    public void Longest_identity_fits_and_one_more_character_is_refused()
    {
        var longest = new MicrostampIdentity("--------", "ZZZZZZZZ", "ZZZZZZZZZZZZ");
        Assert.Equal(longest, Codec.Decode(GearGen.Read(Codec.Encode(longest))).Identity);

        var error = Assert.Throws<ArgumentException>(() => Codec.Encode(longest with { Serial = "ZZZZZZZZZZZZZ" }));
        Assert.Contains("at most 28", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Character_outside_the_code_alphabet_is_refused_naming_field_and_position()
    {
        var error = Assert.Throws<ArgumentException>(() => Codec.Encode(new MicrostampIdentity("ACME", "M1", "12$4")));

        Assert.Contains("Serial", error.Message, StringComparison.Ordinal);
        Assert.Contains("position 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_out_of_the_wrong_length_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Codec.Decode(new CellRead[10]));

        Assert.Contains("420", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fusion_names_a_read_of_another_ring()
    {
        var clean = GearGen.Read(Codec.Encode(Sample));
        var other = GearGen.Read(Codec.Encode(Sample with { Serial = "ZX-0043" }));
        IReadOnlyList<CellRead>[] reads =
        [
            GearGen.Erase(clean, GearGen.ArcCells(0, 60)),
            GearGen.Erase(other, GearGen.ArcCells(50, 60)),
            GearGen.Erase(clean, GearGen.ArcCells(100, 60)),
        ];

        var result = Assert.IsType<GearDecodeResult.Contradictory>(Codec.Fuse(reads));

        Assert.Equal(1, result.ReadIndex);
        Assert.Equal(Sample, result.OthersAgreeOn);
    }

    [Fact]
    public void Fusion_of_one_read_is_its_decode() =>
        Assert.Equal(Sample, Codec.Fuse([GearGen.Read(Codec.Encode(Sample))]).Identity);

    [Fact]
    public void Fusion_without_reads_is_refused() =>
        Assert.Throws<ArgumentException>(() => Codec.Fuse([]));

    private static MicrostampIdentity Sample => new("ACME", "M17", "ZX-0042");
}
