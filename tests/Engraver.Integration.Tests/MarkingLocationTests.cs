using System.Globalization;
using System.Text.RegularExpressions;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Recipes;
using Engraver.Core.Station;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Jobs;
using Engraver.Service.Recipes;
using Engraver.Service.Station;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>A recipe with two marking locations (the tip and a second face beside it, turned a quarter): each is
/// burned on the twin, photographed with the camera over it and verified on its own; the pin is Verified only when
/// both are.</summary>
public class MarkingLocationTests
{
    private const string TwoFaces = """
        {
          "name": "two-faces",
          "material": "test steel",
          "laserMode": "dynamic",
          "powerFraction": 0.8,
          "feedMmPerMin": 600,
          "passes": 1,
          "focusOffsetMm": 0,
          "locations": [
            { "name": "tip", "offsetXMm": 0, "offsetYMm": 0 },
            { "name": "flat", "offsetXMm": 0, "offsetYMm": 3.5, "rotationDeg": 90 }
          ]
        }
        """;

    [Fact]
    public async Task A_two_location_recipe_verifies_both_and_one_location_failing_rejects_the_pin_naming_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var token = timeout.Token;
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "two-faces.json"), TwoFaces, token);
        await using var station = await StationHarness.StartAsync(token, rows: 2, columns: 3);
        var book = new RecipeFolder(folder.Path).Read(RecipeLimits.From(station.Rig.Firmware)).Book!;
        var plans = MarkPlans.From(book, PinProfile.Default, station.Rig.Firmware);
        var submitted = await JobSubmitter.For(station.Rig.Records, book.Names)
            .SubmitAsync("jobs/two.csv", "make,model,pin_lot,recipe,serials\nACME,M1,LOT-1,two-faces,LOC00001-LOC00002\n", "JL", "sue", token);
        Assert.NotNull(submitted.Job);

        // The second pin's flat face loses one line on its way to the controller.
        var victim = plans.For("two-faces").ForEachLocation(new MicrostampIdentity("ACME", "M1", "LOC00002"))[1];
        var lostLine = LongestUniqueCut(victim.Program.Lines);
        var pinsStarted = 0;
        station.Loop.Transitioned += t =>
        {
            if (t.To == StationState.Positioning && ++pinsStarted == 2)
            {
                station.Rig.Simulator!.Faults.SkipLineEqualTo(lostLine);
            }
        };
        var source = new StorePinSource(station.Rig.Records.Jobs, station.StationId, station.SlotCount, new IdentityValidator(), NullLogger.Instance, plans);
        var result = await station.RunnerWith(plans: plans).RunAsync(source, "queue", null, null, token);

        var first = result.Pins.First(p => p.Serial == "LOC00001");
        Assert.Equal(PinOutcome.Verified, first.Outcome);
        Assert.Equal("two-faces", first.RecipeName);
        var evidence = Directory.GetFiles(station.Rig.EvidenceFolder, "JL-LOC00001-a1-*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, evidence.Length);
        Assert.Contains(evidence, f => f!.Contains("-flat", StringComparison.Ordinal));
        Assert.Contains(evidence, f => f!.Contains("-tip", StringComparison.Ordinal));

        using (var locations = System.Text.Json.JsonDocument.Parse(first.Locations!))
        {
            var both = locations.RootElement.EnumerateArray().ToList();
            Assert.Equal(["tip", "flat"], both.Select(l => l.GetProperty("name").GetString()));
            Assert.All(both, l => Assert.Equal("Verified", l.GetProperty("outcome").GetString()));
            Assert.All(both, l => Assert.Equal(64, l.GetProperty("evidenceSha256").GetString()!.Length));
            Assert.All(both, l => Assert.True(File.Exists(l.GetProperty("evidencePath").GetString()), "each location's evidence is on disk"));
        }

        var stored = (await station.Rig.Records.FindBySerialAsync("LOC00001", token)).Single(r => r.Record.Attempt == 1).Record;
        Assert.Equal(first.Locations, stored.Locations);

        var rejected = result.Pins.First(p => p.Serial == "LOC00002");
        Assert.Equal(PinOutcome.Rejected, rejected.Outcome);
        Assert.StartsWith("location flat: ", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("location tip", rejected.Reason, StringComparison.Ordinal);
        using var outcomes = System.Text.Json.JsonDocument.Parse(rejected.Locations!);
        Assert.Equal(["Verified", "Rejected"], outcomes.RootElement.EnumerateArray().Select(l => l.GetProperty("outcome").GetString()));
    }

    /// <summary>The G1 line that burns the longest text segment of the program and appears once in it.</summary>
    private static string LongestUniqueCut(IReadOnlyList<string> lines)
    {
        var words = new Regex(@"([XY])(-?\d+(?:\.\d+)?)", RegexOptions.CultureInvariant);
        double x = 0, y = 0, longest = -1;
        var chosen = string.Empty;
        foreach (var line in lines)
        {
            double nx = x, ny = y;
            foreach (Match word in words.Matches(line))
            {
                var value = double.Parse(word.Groups[2].Value, CultureInfo.InvariantCulture);
                if (word.Groups[1].Value == "X")
                {
                    nx = value;
                }
                else
                {
                    ny = value;
                }
            }

            var radius = Math.Max(Math.Sqrt((x * x) + (y * y)), Math.Sqrt((nx * nx) + (ny * ny)));
            var length = Math.Sqrt(((nx - x) * (nx - x)) + ((ny - y) * (ny - y)));
            if (line.StartsWith("G1 ", StringComparison.Ordinal) && !line.Contains(" S0", StringComparison.Ordinal)
                && radius < PinProfile.Default.UsableRadiusMm && length > longest && lines.Count(l => l == line) == 1)
            {
                longest = length;
                chosen = line;
            }

            (x, y) = (nx, ny);
        }

        return chosen;
    }
}
