using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;

namespace Engraver.Vision.Tests;

public sealed class GearRingDecoderTests
{
    private static readonly MicrostampIdentity Identity = new("ENGR", "MS1", "K7Q2M9XA");
    private static readonly Toolpath Marking = new ToolpathGenerator().Generate(Identity, PinProfile.Default);

    // Three views, each showing a different 40% of the ring (the orientation mark always among it).
    private static readonly Sector[] HiddenInEach = [new(134, 216), new(10, 216), new(72, 216)];

    [Fact]
    public void Whole_ring_decodes_to_the_identity_at_any_turn()
    {
        using var frame = Photograph(new ScenePose(new Point2(0.04, -0.03), 123), CameraDefects.None, seed: 1);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        var decoded = Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded);
        Assert.Equal(Identity, decoded.Value);
        Assert.Equal(0, read.Reading.Unreadable);
        Assert.InRange(read.Pose!.Value.RotationDeg, 122, 124);
    }

    [Fact]
    public void Hidden_arc_reads_as_unreadable_cells_not_as_blanks()
    {
        using var frame = Photograph(new ScenePose(default, -40), new CameraDefects { HiddenSectors = [HiddenInEach[0]] }, seed: 2);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        // 216 of 360 degrees hidden: about 60% of the 420 cells.
        Assert.InRange(read.Reading.Unreadable, 220, 270);
        Assert.IsType<GearDecodeResult.Undecodable>(read.Reading.Decoded);
    }

    [Fact]
    public void Three_photographs_each_missing_a_different_60_percent_fuse_into_the_identity()
    {
        var reads = HiddenInEach.Select((hidden, i) =>
        {
            using var frame = Photograph(new ScenePose(new Point2(0.02 * i, -0.01), 70 * i), new CameraDefects { HiddenSectors = [hidden] }, seed: 10 + i);
            return GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default).Reading;
        }).ToList();

        var fused = GearCodec.Instance.Fuse(reads.Select(r => r.Cells).ToList());

        Assert.All(reads, r => Assert.IsType<GearDecodeResult.Undecodable>(r.Decoded));
        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(fused).Value);
    }

    [Fact]
    public void Bare_tip_has_nothing_to_read()
    {
        using var frame = new CameraFrame(new BurnLogRenderer(Settings).Render([], default, [default], 3), Settings.MillimetresPerPixel);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Null(read.Pose);
        Assert.Equal("no mark found on the tip face", Assert.IsType<GearDecodeResult.Undecodable>(read.Reading.Decoded).Reason);
    }

    private static readonly BurnRenderSettings Settings = new() { WidthPx = 1024, HeightPx = 1024, MillimetresPerPixel = 0.002 };

    internal static CameraFrame Photograph(ScenePose pose, CameraDefects defects, int seed)
    {
        var burns = Marking.Strokes
            .SelectMany(s => s.Points.Zip(s.Points.Skip(1), (from, to) => new BurnSegment(from, to, 0.8, 600)))
            .ToList();
        var image = new BurnLogRenderer(Settings).Render(burns, default, [default], seed, pose, defects);
        return new CameraFrame(image, Settings.MillimetresPerPixel);
    }
}
