using System.Text.RegularExpressions;
using Engraver.Core.Firmware;
using Engraver.Core.GCode;
using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Tests.Support;
using Engraver.Core.Toolpaths;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Core.Tests.GCode;

public sealed partial class GCodeEmitterTests
{
    private static readonly FirmwareProfile Firmware = Grbl.Profile;

    private readonly ToolpathGenerator _generator = new();

    [Fact]
    public void Program_sets_units_travels_to_the_first_stroke_then_switches_the_laser_on()
    {
        var program = GCodeEmitter.Emit(Square(), Recipe.Default, Firmware);

        Assert.Equal(
            [
                "G21 G90",
                "G0 X0.0000 Y0.0000",
                "M4 S800",
                "G1 X0.1000 Y0.0000 F600.0",
                "G1 X0.1000 Y0.1000",
                "G1 X0.1000 Y0.1500 S0",
                "G0 X-0.1000 Y0.1000",
                "G1 X-0.1000 Y-0.2500 S800",
                "G1 X-0.1000 Y-0.3000 S0",
                "M5",
            ],
            program.Lines);
    }

    [Fact]
    public void Each_pass_repeats_the_strokes_with_feed_only_on_the_first_cut()
    {
        var recipe = Recipe.Default with { Passes = 3 };

        var lines = GCodeEmitter.Emit(Square(), recipe, Firmware).Lines;

        Assert.Equal(9, lines.Count(l => l.StartsWith("G1 ", StringComparison.Ordinal) && !l.EndsWith(" S0", StringComparison.Ordinal)));
        Assert.Equal(6, lines.Count(l => l.EndsWith(" S0", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains(" F", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l == "G0 X0.0000 Y0.0000"));
        Assert.Equal("M5", lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("G4", StringComparison.Ordinal));
    }

    [Fact]
    public void Power_is_scaled_by_the_firmware_profile()
    {
        var firmware = Firmware with { Laser = new LaserCommands("M3", "M5", 0, 255) };

        var lines = GCodeEmitter.Emit(Square(), Recipe.Default with { PowerFraction = 0.5 }, firmware).Lines;

        Assert.Contains("M3 S128", lines);
    }

    [Fact]
    public void Emitting_twice_gives_equal_lines_and_hash()
    {
        var identity = new MicrostampIdentity("ACME", "M-17", "AB12345");

        var first = GCodeEmitter.Emit(_generator.Generate(identity, PinProfile.Default), Recipe.Default, Firmware);
        var second = GCodeEmitter.Emit(new ToolpathGenerator().Generate(identity, PinProfile.Default), Recipe.Default, Grbl.Profile);

        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.Sha256Hex, second.Sha256Hex);
        Assert.Matches("^[0-9a-f]{64}$", first.Sha256Hex);
    }

    [Fact]
    public void Different_serials_give_different_hashes()
    {
        var a = GCodeEmitter.Emit(_generator.Generate(new MicrostampIdentity("ACME", "M17", "A1"), PinProfile.Default), Recipe.Default, Firmware);
        var b = GCodeEmitter.Emit(_generator.Generate(new MicrostampIdentity("ACME", "M17", "A7"), PinProfile.Default), Recipe.Default, Firmware);

        Assert.NotEqual(a.Sha256Hex, b.Sha256Hex);
    }

    [Property(MaxTest = 100)]
    public Property Every_line_is_one_of_the_words_the_emitter_writes() =>
        Prop.ForAll(IdentityGen.Fitting, Gen.Choose(1, 3).ToArbitrary(), (identity, passes) =>
        {
            var toolpath = _generator.Generate(identity, PinProfile.Default);
            var lines = GCodeEmitter.Emit(toolpath, Recipe.Default with { Passes = passes }, Firmware).Lines;
            return lines.All(l => Whitelist().IsMatch(l) && l.Length < 40) && lines[^1] == "M5";
        });

    [Fact]
    public void Each_stroke_ends_in_a_zero_power_lead_out_along_its_last_segment_and_the_next_sets_the_power_again()
    {
        var lines = GCodeEmitter.Emit(Square(), Recipe.Default, Firmware).Lines;

        var leadOuts = lines.Select((line, index) => (line, index)).Where(l => l.line.EndsWith(" S0", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, leadOuts.Count);
        Assert.All(leadOuts, l => Assert.StartsWith("G1 ", l.line, StringComparison.Ordinal));
        Assert.StartsWith("G0 ", lines[leadOuts[0].index + 1], StringComparison.Ordinal);
        Assert.EndsWith(" S800", lines[leadOuts[0].index + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_coordinate_that_rounds_to_zero_is_never_negative_zero()
    {
        var toolpath = new Toolpath([new Stroke([new Point2(-0.00001, -0.00004), new Point2(0.1, 0.1)])]);

        var lines = GCodeEmitter.Emit(toolpath, Recipe.Default, Firmware).Lines;

        Assert.Contains("G0 X0.0000 Y0.0000", lines);
        Assert.DoesNotContain(lines, l => l.Contains("-0.0000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0, 600, 1, "PowerFraction must be above 0 and at most 1")]
    [InlineData(1.5, 600, 1, "PowerFraction must be above 0 and at most 1")]
    [InlineData(0.5, 0, 1, "FeedMmPerMin must be at least 0.1")]
    [InlineData(0.5, 600, 0, "Passes must be from 1 to 100")]
    public void Recipe_out_of_range_is_refused(double power, double feed, int passes, string expected)
    {
        var recipe = new Recipe("bad", power, feed, passes);

        var error = Assert.Throws<ArgumentException>(() => GCodeEmitter.Emit(Square(), recipe, Firmware));

        Assert.Contains($"Recipe 'bad': {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Laser_command_that_is_not_a_plain_word_is_refused()
    {
        var firmware = Firmware with { Laser = Firmware.Laser with { OnCommand = "M4\n$H" } };

        var error = Assert.Throws<ArgumentException>(() => GCodeEmitter.Emit(Square(), Recipe.Default, firmware));

        Assert.Contains("laser.onCommand must be a single M or G word", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_toolpath_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GCodeEmitter.Emit(new Toolpath([]), Recipe.Default, Firmware));
    }

    private static Toolpath Square() => new(
    [
        new Stroke([new Point2(0, 0), new Point2(0.1, 0), new Point2(0.1, 0.1)]),
        new Stroke([new Point2(-0.1, 0.1), new Point2(-0.1, -0.25)]),
    ]);

    [GeneratedRegex(@"^(G21 G90|M4 S[0-9]{1,4}|M5|G[01] X-?[0-9]\.[0-9]{4} Y-?[0-9]\.[0-9]{4}|G1 X-?[0-9]\.[0-9]{4} Y-?[0-9]\.[0-9]{4} (F[0-9]{1,5}\.[0-9]|S[0-9]{1,4}))$")]
    private static partial Regex Whitelist();
}
