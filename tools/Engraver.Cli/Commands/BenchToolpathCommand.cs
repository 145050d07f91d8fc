using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;

namespace Engraver.Cli.Commands;

/// <summary>`engraver bench toolpath`: generates the toolpath (text and gear ring) of many seeded random
/// identities on the default pin and reports the generation time and how short the laser-off travel is,
/// against the unplanned order (text in reading order, ring in cell order) and against a lower bound no
/// ordering can beat: per identity the largest of three proven bounds (minimum spanning tree over the
/// strokes, nearest endpoints, Held-Karp on the endpoint graph), each also reported on its own.</summary>
internal static class BenchToolpathCommand
{
    // Subgradient steps of the Held-Karp bound per identity; more only tighten it.
    private const int BoundIterations = 60;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "How many identities.", DefaultValueFactory = _ => 1000 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                r.AddError("--count must be from 1 to 100000.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the random identities.", DefaultValueFactory = _ => 31910 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("toolpath", "Time toolpath generation and compare its travel with the unplanned order and a lower bound.") { count, seed, json };
        command.SetAction(result => Run(result.GetValue(count), result.GetValue(seed), result.GetValue(json)));
        return command;
    }

    private static int Run(int count, int seed, bool asJson)
    {
        var profile = PinProfile.Default;
        var generator = new ToolpathGenerator();
        var layoutEngine = new LayoutEngine();
        var identities = Identities(count, seed);

        // Warm up so the first timings do not measure the JIT compiler.
        foreach (var identity in identities.Take(20))
        {
            generator.Generate(identity, profile);
        }

        var micros = new double[count];
        double naive = 0, optimized = 0, bound = 0, worstRatio = 0, mstBound = 0, nearestBound = 0, heldKarpBound = 0;
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var toolpath = generator.Generate(identities[i], profile);
            micros[i] = clock.Elapsed.TotalMicroseconds;

            IReadOnlyList<Stroke> plain = [.. generator.StrokesInReadingOrder(layoutEngine.Layout(identities[i], profile)), .. ToolpathGenerator.RingStrokesInCellOrder(identities[i], profile)];
            var travel = TravelOptimizer.TravelLength(toolpath.Strokes, ToolpathGenerator.StartPoint);
            var mst = TravelLowerBound.MinimumSpanningTree(toolpath.Strokes, ToolpathGenerator.StartPoint);
            var nearest = TravelLowerBound.NearestEndpoints(toolpath.Strokes, ToolpathGenerator.StartPoint);
            var heldKarp = HeldKarpBound.Compute(toolpath.Strokes, ToolpathGenerator.StartPoint, travel, BoundIterations);
            var lower = Math.Max(Math.Max(mst, nearest), heldKarp);
            heldKarpBound += heldKarp;
            mstBound += mst;
            nearestBound += nearest;
            naive += TravelOptimizer.TravelLength(plain, ToolpathGenerator.StartPoint);
            optimized += travel;
            bound += lower;
            worstRatio = Math.Max(worstRatio, travel / lower);
        }

        Array.Sort(micros);
        var figures = new Dictionary<string, object>
        {
            ["identities"] = count,
            ["generate_us_median"] = Math.Round(micros[count / 2], 1),
            ["generate_us_min"] = Math.Round(micros[0], 1),
            ["generate_us_p95"] = Math.Round(micros[(int)(0.95 * (count - 1))], 1),
            ["travel_mm_naive"] = Math.Round(naive / count, 4),
            ["travel_mm_optimized"] = Math.Round(optimized / count, 4),
            ["travel_mm_lower_bound"] = Math.Round(bound / count, 4),
            ["travel_mm_bound_mst"] = Math.Round(mstBound / count, 4),
            ["travel_mm_bound_nearest_endpoints"] = Math.Round(nearestBound / count, 4),
            ["travel_mm_bound_held_karp"] = Math.Round(heldKarpBound / count, 4),
            ["ratio_to_bound"] = Math.Round(optimized / bound, 4),
            ["ratio_to_bound_worst"] = Math.Round(worstRatio, 4),
        };
        Console.WriteLine(asJson
            ? JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true })
            : string.Join(Environment.NewLine, figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}: {f.Value}"))));
        return 0;
    }

    /// <summary>Identities of every supported shape: make up to 7, model up to 8, serial up to 12 characters.</summary>
    private static MicrostampIdentity[] Identities(int count, int seed)
    {
        var random = new Random(seed);
        string Text(int max) => new(Enumerable.Range(0, random.Next(1, max + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        var validator = new IdentityValidator();
        return [.. Enumerable.Range(0, count).Select(_ => validator.Validate(Text(7), Text(8), Text(12)))];
    }
}
