using System.Security.Cryptography;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Recipes;
using Engraver.Integration.Tests.Support;
using Engraver.Service.Jobs;
using Engraver.Service.Recipes;
using Engraver.Service.Station;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>A job names its recipe: submitted against the recipes folder, claimed from the queue, burned on the twin
/// (over its pseudo-terminal) with that recipe's power and feed, and recorded with its name and its file's hash.</summary>
public class RecipeJobTests
{
    private const string RecipeB = """
        {
          "name": "b",
          "material": "test steel",
          "laserMode": "constant",
          "powerFraction": 0.6,
          "feedMmPerMin": 450,
          "passes": 1,
          "focusOffsetMm": -0.5
        }
        """;

    [Fact]
    public async Task A_job_naming_recipe_b_burns_with_bs_power_and_feed_and_its_records_name_b()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var token = timeout.Token;
        using var folder = new TempFolder();
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        File.Copy(Path.Combine(RepositoryFiles.Root, "recipes", "default.json"), Path.Combine(recipes, "default.json"));
        await File.WriteAllTextAsync(Path.Combine(recipes, "b.json"), RecipeB, token);
        await using var station = await StationHarness.StartAsync(token, rows: 2, columns: 3);
        var book = new RecipeFolder(recipes).Read(RecipeLimits.From(station.Rig.Firmware)).Book!;
        var plans = MarkPlans.From(book, PinProfile.Default, station.Rig.Firmware);

        var refused = await JobSubmitter.For(station.Rig.Records, book.Names)
            .SubmitAsync("jobs/c.csv", "make,model,pin_lot,recipe,serials\nACME,M1,LOT-1,c,RCP00001\n", "JC", "sue", token);
        var submitted = await JobSubmitter.For(station.Rig.Records, book.Names)
            .SubmitAsync("jobs/b.csv", "make,model,pin_lot,recipe,serials\nACME,M1,LOT-1,b,RCP00001-RCP00002\n", "JB", "sue", token);
        var burnsBefore = station.Rig.Simulator!.BurnLogSnapshot().Count;
        var source = new StorePinSource(station.Rig.Records.Jobs, station.StationId, station.SlotCount, new IdentityValidator(), NullLogger.Instance, plans);
        var result = await station.RunnerWith(plans: plans).RunAsync(source, "queue", null, null, token);

        Assert.Equal("jobs/c.csv:2: recipe: unknown recipe 'c'; known recipes: b, default", Assert.Single(refused.Errors).ToString());
        Assert.NotNull(submitted.Job);
        Assert.Null(result.StoppedBecause);
        Assert.Equal(2, result.Pins.Count);
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(recipes, "b.json"), token)));
        Assert.All(result.Pins, pin =>
        {
            Assert.Equal(PinOutcome.Verified, pin.Outcome);
            Assert.Equal(("b", 0.6, 450.0, 1), (pin.RecipeName, pin.PowerFraction, pin.FeedMmPerMin, pin.Passes));
            Assert.Equal(hash, pin.RecipeSha256);
            Assert.Null(pin.Locations);
        });
        // As stored in the hash chain, not only as built.
        var stored = await station.Rig.Records.FindBySerialAsync("RCP00001", token);
        Assert.Equal(hash, Assert.Single(stored).Record.RecipeSha256);
        // What the twin burned is what it was sent: every lit move at B's power (S600 of 1000) and feed.
        var burns = station.Rig.Simulator.BurnLogSnapshot().Skip(burnsBefore).Where(b => b.PowerFraction > 0).ToList();
        Assert.NotEmpty(burns);
        Assert.All(burns, b => Assert.Equal((0.6, 450.0), (Math.Round(b.PowerFraction, 6), Math.Round(b.FeedMmPerMin, 6))));
        Assert.Contains("M3 S600", plans.For("b").For(new MicrostampIdentity("ACME", "M1", "RCP00001")).Program.Lines);
    }
}
