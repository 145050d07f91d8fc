using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Simulator.Camera.Conditions;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;
using Xunit.Abstractions;

namespace Engraver.Vision.Tests;

/// <summary>Photographs the station did not take: every condition, from the twin and from an
/// independent renderer, two seeded photographs each, one of a short and one of a long identity.</summary>
public sealed class ConditionCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void At_least_95_percent_of_photographs_under_every_condition_read_right_and_none_reads_a_wrong_identity()
    {
        int right = 0, wrong = 0, total = 0;
        var misses = new List<string>();
        foreach (var (condition, c) in ConditionCorpus.Conditions.Select((name, i) => (name, i)))
        {
            foreach (var (renderer, r) in ConditionCorpus.Renderers.SelectMany((name, i) => new[] { (name, 2 * i), (name, (2 * i) + 1) }))
            {
                var seed = 1 + (4 * c) + r;
                var identity = seed % 2 == 0 ? ConditionCorpus.LongIdentity : ConditionCorpus.Identity;
                using var frame = ConditionCorpus.Make(condition, renderer, seed, identity);

                var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

                total++;
                if (read.Reading.Decoded is GearDecodeResult.Decoded decoded)
                {
                    right += decoded.Value == identity ? 1 : 0;
                    wrong += decoded.Value == identity ? 0 : 1;
                }
                else
                {
                    misses.Add($"{condition} / {renderer} (seed {seed}): {read.Reading.Decoded}");
                }
            }
        }

        output.WriteLine($"{right} of {total} read right, {wrong} wrong; not read:\n{string.Join("\n", misses)}");
        Assert.Equal(0, wrong);
        Assert.True(right >= total * 0.95, $"{right} of {total} read right; not read:\n{string.Join("\n", misses)}");
    }
}
