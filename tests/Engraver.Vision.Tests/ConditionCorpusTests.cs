using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Vision.Ring;
using Engraver.Vision.Tests.Support;
using Engraver.Vision.Verification;
using Xunit.Abstractions;

namespace Engraver.Vision.Tests;

public sealed class ConditionCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Survey()
    {
        var rows = new List<string>();
        foreach (var condition in ConditionCorpus.Conditions)
        {
            foreach (var renderer in ConditionCorpus.Renderers)
            {
                int right = 0, wrong = 0, n = 3;
                var notes = new List<string>();
                for (var seed = 1; seed <= n; seed++)
                {
                    using var frame = ConditionCorpus.Make(condition, renderer, seed);
                    var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);
                    if (read.Reading.Decoded is GearDecodeResult.Decoded d)
                    {
                        right += d.Value == ConditionCorpus.Identity ? 1 : 0;
                        wrong += d.Value == ConditionCorpus.Identity ? 0 : 1;
                    }
                    else
                    {
                        notes.Add(read.Reading.Decoded.ToString()!);
                    }
                }

                rows.Add($"{condition} / {renderer}: {right}/{n} wrong {wrong} {string.Join(" | ", notes.Take(1))}");
            }
        }

        output.WriteLine(string.Join("\n", rows));
    }
}
