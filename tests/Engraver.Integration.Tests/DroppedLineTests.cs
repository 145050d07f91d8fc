using System.Globalization;
using System.Text.RegularExpressions;
using Engraver.Core.Identity;
using Engraver.Core.Station;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Jobs;
using Engraver.Traceability.Records;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The camera sees what the laser really did: a G-code line lost between the service and the
/// controller leaves a stroke unburned, and that pin fails verification.</summary>
public class DroppedLineTests
{
    [Fact]
    public async Task A_line_lost_on_the_way_fails_that_pin_and_the_serial_is_engraved_again_on_a_fresh_pin()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var station = await StationHarness.StartAsync(timeout.Token);
        var job = new BatchJob("job-drop", "ENGR", "MS1", "LOT-1", ["DROP0001", "DROP0002", "DROP0003"]);
        var victim = station.Plan.For(new IdentityValidator().Validate("ENGR", "MS1", "DROP0002"));
        var lostLine = LongestUniqueCut(victim.Program.Lines);
        var pinsStarted = 0;
        station.Loop.Transitioned += t =>
        {
            // Pins are pipelined, so the fault is armed as the second pin starts, not when the first finishes.
            if (t.To == StationState.Positioning && ++pinsStarted == 2)
            {
                station.Rig.Simulator!.Faults.SkipLineEqualTo(lostLine);
            }
        };

        var result = await station.Runner.RunAsync(job, progress: null, timeout.Token);

        Assert.Null(result.StoppedBecause);
        var drop2 = result.Pins.Where(p => p.Serial == "DROP0002").ToList();
        Assert.Equal(2, drop2.Count);
        Assert.Equal(PinOutcome.Rejected, drop2[0].Outcome);
        Assert.False(string.IsNullOrWhiteSpace(drop2[0].Reason));
        Assert.Equal(PinOutcome.Verified, drop2[1].Outcome);
        Assert.NotEqual(drop2[0].Slot, drop2[1].Slot);
        Assert.All(result.Pins.Where(p => p.Serial != "DROP0002"), p => Assert.Equal(PinOutcome.Verified, p.Outcome));
        Assert.Equal(3, result.Verified);

        var stored = await station.Rig.Records.ListPinsAsync(timeout.Token);
        Assert.Equal(result.Pins.Count, stored.Count);
        Assert.True((await station.Rig.Records.VerifyChainAsync(timeout.Token)).Intact);
    }

    /// <summary>The G1 line that burns the longest segment and appears once in the program.</summary>
    private static string LongestUniqueCut(IReadOnlyList<string> lines)
    {
        var words = new Regex(@"([XY])(-?\d+(?:\.\d+)?)", RegexOptions.CultureInvariant);
        double x = 0, y = 0, longest = -1;
        var chosen = string.Empty;
        foreach (var line in lines)
        {
            var (fromX, fromY) = (x, y);
            foreach (Match word in words.Matches(line))
            {
                var value = double.Parse(word.Groups[2].Value, CultureInfo.InvariantCulture);
                (x, y) = word.Groups[1].Value == "X" ? (value, y) : (x, value);
            }

            var length = Math.Sqrt(((x - fromX) * (x - fromX)) + ((y - fromY) * (y - fromY)));
            if (line.StartsWith("G1 ", StringComparison.Ordinal) && length > longest && lines.Count(l => l == line) == 1)
            {
                (longest, chosen) = (length, line);
            }
        }

        return chosen;
    }
}
