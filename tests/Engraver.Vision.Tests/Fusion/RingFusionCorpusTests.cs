using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Simulator.Camera.Conditions;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;
using Xunit.Abstractions;

namespace Engraver.Vision.Tests.Fusion;

/// <summary>Three photographs of one pin, each missing a different 60% of the ring, the orientation mark
/// in the part one of them misses: no photograph reads alone, the three read together, the one without
/// the mark placed by its cells.</summary>
public sealed class RingFusionCorpusTests(ITestOutputHelper output)
{
    public const int Triples = 8;

    [Theory]
    [InlineData("twin")]
    [InlineData("independent")]
    public void Three_photographs_each_missing_a_different_60_percent_mark_hidden_in_one_fuse_into_the_identity(string renderer)
    {
        int right = 0, wrong = 0, allPlaced = 0;
        var misses = new List<string>();
        for (var seed = 1; seed <= Triples; seed++)
        {
            // The long identity fills the code: a short one's blank padding lets 40% of a ring read alone.
            var identity = ConditionCorpus.LongIdentity;
            var frames = ConditionCorpus.MakeSeveral(ConditionCorpus.ThreePartial, renderer, seed, identity);
            var reads = frames.Select(f =>
            {
                using (f)
                {
                    return GearRingDecoder.Read(f, PinProfile.Default, MarkVerifierOptions.Default);
                }
            }).ToList();

            var fused = RingFusion.Fuse(reads);

            var said = $"seed {seed}: {fused.Decoded}; " + string.Join(" | ", fused.Placements.Select(p => p.How));
            output.WriteLine(said + " || " + string.Join(" | ", reads.Select(r => $"{r.Reading.Decoded.GetType().Name} pose {r.Pose is not null} unplaced {r.Unplaced is not null} {r.Reading.Decoded}")));
            Assert.All(reads, r => Assert.IsNotType<GearDecodeResult.Decoded>(r.Reading.Decoded));
            Assert.Equal(1, reads.Count(r => r.Pose is null));
            allPlaced += fused.LeftOut == 0 ? 1 : 0;
            if (fused.Decoded is GearDecodeResult.Decoded decoded)
            {
                right += decoded.Value == identity ? 1 : 0;
                wrong += decoded.Value == identity ? 0 : 1;
            }
            else
            {
                misses.Add(said);
            }
        }

        Assert.Equal(0, wrong);
        Assert.True(right == Triples, $"{right} of {Triples} triples read right:\n{string.Join("\n", misses)}");
        Assert.True(allPlaced == Triples, $"the read without the mark was placed in only {allPlaced} of {Triples} triples");
    }
}
