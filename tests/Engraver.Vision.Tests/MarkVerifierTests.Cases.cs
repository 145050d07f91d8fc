using Engraver.Core.Layout;
using Engraver.Simulator.Camera;
using Engraver.Vision.Verification;

namespace Engraver.Vision.Tests;

/// <summary>Whole pins as the station marks them (text and gear ring), photographed by the camera twin
/// with the pin off the axis and turned, clean or with one defect.</summary>
public sealed partial class MarkVerifierTests
{
    private static readonly SimulatedCameraOptions TwinCamera = MarkCaseGenerator.BenchCamera with
    {
        WidthPx = 1024,
        HeightPx = 1024,
        MillimetresPerPixel = 0.002,
    };

    private static readonly MarkCaseGenerator Cases = new(TwinCamera, PinProfile.Default);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Rotated_and_off_centre_pin_passes_and_its_pose_is_found(int seed)
    {
        var generated = Cases.Generate(MarkCase.Clean, seed);
        using var frame = generated.Frame;

        var result = MarkVerifier.Verify(frame, Expected(generated), MarkVerifierOptions.Default);

        Assert.True(result.Passed, string.Join("; ", result.Reasons));
        Assert.Equal(GradeLetter.A, result.Grade.Overall);
        Assert.Equal(generated.Expected, result.DecodedIdentity);
        var turnError = Math.Abs(((result.Pose.RotationDeg - generated.Pose.RotationDeg + 540) % 360) - 180);
        Assert.True(turnError < 0.5, $"turn found {result.Pose.RotationDeg:0.00}, actual {generated.Pose.RotationDeg:0.00}");
        var expectedCol = ((frame.Image.Cols - 1) / 2.0) + (generated.Pose.OffsetMm.X / frame.MillimetresPerPixel);
        var expectedRow = ((frame.Image.Rows - 1) / 2.0) - (generated.Pose.OffsetMm.Y / frame.MillimetresPerPixel);
        Assert.InRange(result.Pose.CentreCol, expectedCol - 1.5, expectedCol + 1.5);
        Assert.InRange(result.Pose.CentreRow, expectedRow - 1.5, expectedRow + 1.5);
        Assert.Equal(generated.Expected.Make.Length + generated.Expected.Model.Length + generated.Expected.Serial.Length, result.Glyphs.Count);
    }

    [Theory]
    [InlineData(MarkCase.LowPower, "no mark found|grade ")]
    [InlineData(MarkCase.Defocus, "grade ")]
    [InlineData(MarkCase.Debris, "stray mark of ")]
    [InlineData(MarkCase.Smear, "stray mark of ")]
    [InlineData(MarkCase.MissingGlyph, "glyph ")]
    [InlineData(MarkCase.WrongSerial, "wrong identity: the gear ring reads ")]
    public void Defective_mark_fails_with_its_reason(MarkCase defect, string reason)
    {
        var generated = Cases.Generate(defect, 21);
        using var frame = generated.Frame;

        var result = MarkVerifier.Verify(frame, Expected(generated), MarkVerifierOptions.Default);

        // Some defects can show either way (a faint enough mark is no mark at all): '|' separates the reasons allowed.
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => reason.Split('|').Any(allowed => r.StartsWith(allowed, StringComparison.Ordinal)));
    }

    [Fact]
    public void Low_power_grades_the_fill_and_damage_down()
    {
        var generated = Cases.Generate(MarkCase.LowPower, 22);
        using var frame = generated.Frame;

        var result = MarkVerifier.Verify(frame, Expected(generated), MarkVerifierOptions.Default);

        Assert.Equal(GradeLetter.F, result.Grade.FillGrade);
        Assert.Equal(GradeLetter.F, result.Grade.DamageGrade);
    }

    [Fact]
    public void Defocus_grades_the_modulation_down()
    {
        var generated = Cases.Generate(MarkCase.Defocus, 23);
        using var frame = generated.Frame;

        var result = MarkVerifier.Verify(frame, Expected(generated), MarkVerifierOptions.Default);

        Assert.True(result.Grade.ModulationGrade < GradeLetter.C, $"modulation {result.Grade.Modulation:0.00} graded {result.Grade.ModulationGrade}");
    }

    [Fact]
    public void Missing_glyph_is_named_as_missing()
    {
        var generated = Cases.Generate(MarkCase.MissingGlyph, 24);
        using var frame = generated.Frame;

        var result = MarkVerifier.Verify(frame, Expected(generated), MarkVerifierOptions.Default);

        var missing = Assert.Single(result.Glyphs, g => !g.Passed);
        Assert.True(missing.Coverage < 0.2, $"the missing glyph scored {missing.Coverage:0.00}");
        Assert.Contains(result.Reasons, r => r == $"glyph {missing.Glyph} missing: {missing.Coverage:0%} of its strokes marked");
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Missing_stroke_fails_on_its_segments(int seed)
    {
        var generated = Cases.Generate(MarkCase.MissingStroke, seed);
        using var frame = generated.Frame;

        var result = MarkVerifier.Verify(frame, Expected(generated), MarkVerifierOptions.Default);

        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.StartsWith("stroke ", StringComparison.Ordinal) && r.Contains(" segment ", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrong_serial_fails_even_where_its_glyphs_look_alike()
    {
        var generated = Cases.Generate(MarkCase.WrongSerial, 25);
        using var frame = generated.Frame;

        var result = MarkVerifier.Verify(frame, Expected(generated), MarkVerifierOptions.Default);

        Assert.False(result.Passed);
        Assert.Equal(generated.Burned, result.DecodedIdentity);
    }

    private static ExpectedMark Expected(GeneratedMark generated) =>
        ExpectedMark.For(generated.Expected, PinProfile.Default, generated.ExpectedToolpath);
}
