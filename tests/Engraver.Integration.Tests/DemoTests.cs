using Engraver.Core.GCode;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Records;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The demo verb end to end, as tools/demo runs it: its own process, the twin on a pty, SQLite.</summary>
public class DemoTests
{
    [Fact]
    public async Task Demo_refuses_more_pins_than_its_tray_holds_inside_the_travel()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await EngraverProcess.RunAsync("demo", "--pins", "201", "--data", folder.Path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--pins must be from 1 to 200", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_engraves_every_pin_and_records_distinct_serials_whose_hashes_match_a_regeneration()
    {
        using var folder = new TempFolder();
        var (exitCode, output) = await EngraverProcess.RunAsync("demo", "--pins", "24", "--data", folder.Path);

        Assert.True(exitCode == 0, output);
        var recordsPath = Path.Combine(folder.Path, "records.db");
        Assert.Contains($"demo: 24/24 verified, records in {recordsPath}", output, StringComparison.Ordinal);

        await using var store = await SqliteRecordStore.OpenAsync(recordsPath, CancellationToken.None);
        var pins = await store.ListPinsAsync(CancellationToken.None);
        Assert.Equal(24, pins.Count);
        Assert.Equal(24, pins.Select(p => p.Record.Serial).Distinct(StringComparer.Ordinal).Count());
        Assert.All(pins, p => Assert.Equal(PinOutcome.Verified, p.Record.Outcome));
        // The demo user homed and started the station, as an operator would: the records and the command log name them.
        var demoUser = string.IsNullOrWhiteSpace(Environment.UserName) ? "demo" : Environment.UserName;
        Assert.All(pins, p => Assert.Equal(demoUser, p.Record.Operator));
        var commands = new List<string>();
        await foreach (var row in store.ListCommandsAsync(CancellationToken.None))
        {
            commands.Add($"{row.Record.User} {row.Record.Command} {row.Record.Outcome}");
        }

        Assert.Equal([$"{demoUser} home Accepted", $"{demoUser} start Accepted"], commands);

        var firmware = RepositoryFiles.Grbl11();
        var generator = new ToolpathGenerator();
        var validator = new IdentityValidator();
        foreach (var pin in pins.Select(p => p.Record))
        {
            var identity = validator.Validate(pin.Make, pin.Model, pin.Serial);
            var recipe = new Recipe(pin.RecipeName, pin.PowerFraction, pin.FeedMmPerMin, pin.Passes);
            var regenerated = GCodeEmitter.Emit(generator.Generate(identity, PinProfile.Default), recipe, firmware);
            Assert.Equal(regenerated.Sha256Hex, pin.ToolpathSha256);
            Assert.True(File.Exists(pin.EvidencePath), $"evidence image of {pin.Serial}");
        }

        Assert.True((await store.VerifyChainAsync(CancellationToken.None)).Intact);
    }
}
