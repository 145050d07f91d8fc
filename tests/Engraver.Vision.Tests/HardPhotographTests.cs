using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Camera.Conditions;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Vision.Tests;

/// <summary>Photographs that once crashed the decoder or read nothing: any size, a ring cut by the frame,
/// bright marks on dark, a partial strike whose unstruck part looks like bare metal.</summary>
public sealed class HardPhotographTests
{
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(3, 5, 255)]
    [InlineData(15, 15, 128)]
    [InlineData(64, 64, 0)]
    [InlineData(2000, 40, 200)]
    [InlineData(40, 2000, 30)]
    [InlineData(1500, 1500, 168)]
    public void Frame_of_any_size_with_nothing_on_it_reads_as_undecodable_without_an_exception(int width, int height, int grey)
    {
        using var frame = new CameraFrame(new Mat(height, width, MatType.CV_8UC1, Scalar.All(grey)), 0.002);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.IsType<GearDecodeResult.Undecodable>(read.Reading.Decoded);
        Assert.Null(read.Pose);
    }

    [Fact]
    public void Photograph_of_noise_is_undecodable()
    {
        var noise = new Mat(1024, 1024, MatType.CV_8UC1);
        Cv2.Randu(noise, Scalar.All(0), Scalar.All(255));
        using var frame = new CameraFrame(noise, 0.002);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.IsType<GearDecodeResult.Undecodable>(read.Reading.Decoded);
    }

    [Theory]
    [InlineData("twin")]
    [InlineData("independent")]
    public void Ring_cut_by_the_frame_decodes_with_the_cells_outside_read_as_unreadable(string renderer)
    {
        using var frame = ConditionCorpus.Make("ring cut by the frame", renderer, seed: 5);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Equal(ConditionCorpus.Identity, Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded).Value);
        Assert.True(read.Reading.Unreadable > 0, "cells beyond the edge must be erasures, not blanks");
    }

    [Fact]
    public void Bright_marks_on_dark_read_after_a_second_polarity_and_say_so()
    {
        using var frame = ConditionCorpus.Make("inverted", "twin", seed: 6);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Equal(ConditionCorpus.Identity, Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded).Value);
        Assert.Contains("bright marks on dark", read.Adjustments);
        Assert.True(read.DecodesTried > 1);
        Assert.Equal(read.DecodesTried / (double)(1 << 24), read.FalseDecodeRisk, 12);
    }

    [Theory]
    [InlineData("scale 0.8x", 1.25)]
    [InlineData("scale 1.25x", 0.8)]
    [InlineData("0.006 mm per pixel", 0.333)]
    public void Tip_far_from_the_configured_size_is_found_by_its_edge(string condition, double size)
    {
        using var frame = ConditionCorpus.Make(condition, "twin", seed: 7);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Equal(ConditionCorpus.Identity, Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded).Value);
        var said = Assert.Single(read.Adjustments, a => a.StartsWith("tip ", StringComparison.Ordinal));
        var factor = double.Parse(said.Split(' ')[1].TrimEnd('x'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(factor, size * 0.97, size * 1.03);
    }

    [Theory]
    [InlineData("twin", 8)]
    [InlineData("independent", 9)]
    public void Partial_strike_with_40_percent_of_the_ring_bare_decodes_spending_erasures_on_the_bare_arc(string renderer, int seed)
    {
        using var frame = ConditionCorpus.Make("40% unstruck, bare metal", renderer, seed, ConditionCorpus.LongIdentity);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        var decoded = Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded);
        Assert.Equal(ConditionCorpus.LongIdentity, decoded.Value);

        // 40% of the ring is 56 of 140 slots: their blanks, and their unstruck marks, are erasures.
        Assert.InRange(read.Reading.Unreadable, 140, 240);
        Assert.InRange(decoded.Erasures, 18, 29);
    }

    /// <summary>The bright patch's outer boundary, sharp, falls further in one step than the soft edge of
    /// the independent renderer's tip: taken for the tip's edge along the rays through the patch, it bent
    /// the fitted edge into a tilt of about 10 degrees and no cell sat where it was read.</summary>
    [Theory]
    [InlineData(49)]
    [InlineData(50)]
    [InlineData(51)]
    [InlineData(52)]
    public void Bright_flat_unstruck_patch_is_not_taken_for_the_tips_edge(int seed)
    {
        var identity = seed % 2 == 0 ? ConditionCorpus.LongIdentity : ConditionCorpus.Identity;
        using var frame = ConditionCorpus.Make("30% unstruck, bright", "independent", seed, identity);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Equal(identity, Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded).Value);
        Assert.DoesNotContain(read.Adjustments, a => a.StartsWith("tilt ", StringComparison.Ordinal));
    }

    [Fact]
    public void Tilted_tip_is_straightened_by_its_edge_ellipse()
    {
        using var frame = ConditionCorpus.Make("tilt 15 deg", "independent", seed: 10);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Equal(ConditionCorpus.Identity, Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded).Value);
        var tilt = Assert.Single(read.Adjustments, a => a.StartsWith("tilt ", StringComparison.Ordinal));
        Assert.InRange(int.Parse(tilt.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 11, 19);
    }
}
