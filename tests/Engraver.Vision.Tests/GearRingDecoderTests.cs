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
    public void Mirror_image_of_the_tip_does_not_read_as_a_pin_but_reads_as_a_cartridge_case_impression()
    {
        using var impression = Mirrored(Photograph(new ScenePose(new Point2(0.03, 0.02), 57), CameraDefects.None, seed: 3));

        var asPin = GearRingDecoder.Read(impression, PinProfile.Default, MarkVerifierOptions.Default);
        var asImpression = GearRingDecoder.ReadImpression(impression, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.IsNotType<GearDecodeResult.Decoded>(asPin.Reading.Decoded);
        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(asImpression.Reading.Decoded).Value);
        Assert.InRange(asImpression.Pose!.Value.RotationDeg, -58, -56);
    }

    [Fact]
    public void Three_partial_impressions_each_missing_a_different_60_percent_fuse_into_the_identity()
    {
        var reads = HiddenInEach.Select((hidden, i) =>
        {
            using var impression = Mirrored(Photograph(new ScenePose(new Point2(0.02 * i, -0.01), 70 * i), new CameraDefects { HiddenSectors = [hidden] }, seed: 30 + i));
            return GearRingDecoder.ReadImpression(impression, PinProfile.Default, MarkVerifierOptions.Default).Reading;
        }).ToList();

        var fused = GearCodec.Instance.Fuse(reads.Select(r => r.Cells).ToList());

        Assert.All(reads, r => Assert.IsType<GearDecodeResult.Undecodable>(r.Decoded));
        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(fused).Value);
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
    public void Centred_view_with_a_hidden_arc_reads_the_pose_unturned()
    {
        // The dark arc just outside the tip once pulled the tip fit 16 px off centre, so the mark was
        // found 2 degrees turned and no cell could be read.
        using var frame = Photograph(new ScenePose(default, 0), new CameraDefects { HiddenSectors = [HiddenInEach[0]] }, seed: 10);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.InRange(TurnError(read.Pose!.Value.RotationDeg, 0), 0, 0.5);
        Assert.InRange(Math.Abs(read.Pose.Value.CentreCol - 511.5), 0, 1);
        Assert.InRange(Math.Abs(read.Pose.Value.CentreRow - 511.5), 0, 1);
        Assert.InRange(read.Reading.Unreadable, 220, 270);
        AssertReadableCellsAreTheCode(read.Reading);
    }

    [Theory]
    [InlineData(0, 134, 216, 11)]
    [InlineData(90, 10, 216, 12)]
    [InlineData(180, 72, 216, 13)]
    [InlineData(270, 134, 216, 14)]
    [InlineData(-40, 30, 300, 15)]
    [InlineData(45, 200, 120, 16)]
    public void Centred_view_with_the_mark_in_sight_reads_every_visible_cell(double turnDeg, double hiddenFromDeg, double hiddenSpanDeg, int seed)
    {
        using var frame = Photograph(new ScenePose(default, turnDeg), new CameraDefects { HiddenSectors = [new Sector(hiddenFromDeg, hiddenSpanDeg)] }, seed);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.InRange(TurnError(read.Pose!.Value.RotationDeg, turnDeg), 0, 0.5);
        var hiddenCells = GearRing.CellsPerRing * hiddenSpanDeg / 360;
        Assert.InRange(read.Reading.Unreadable, hiddenCells * 0.9, (hiddenCells * 1.1) + 6);
        AssertReadableCellsAreTheCode(read.Reading);
    }

    [Theory]
    [InlineData(37, 300, 130, 20)]
    [InlineData(-100, 320, 140, 21)]
    [InlineData(200, 270, 120, 22)]
    public void Hidden_orientation_mark_is_found_by_trying_every_slot_turn(double turnDeg, double hiddenFromDeg, double hiddenSpanDeg, int seed)
    {
        using var frame = Photograph(new ScenePose(new Point2(0.01, -0.02), turnDeg), new CameraDefects { HiddenSectors = [new Sector(hiddenFromDeg, hiddenSpanDeg)] }, seed);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Equal(Identity, Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded).Value);
        Assert.InRange(TurnError(read.Pose!.Value.RotationDeg, turnDeg), 0, 0.5);
        Assert.Equal(144, read.RotationsTried);

        // Every turn offers the cells as read, and where a blank stretch shows no strike, those blanks
        // as erasures too: each offer is one more chance for a miscorrection.
        Assert.InRange(read.DecodesTried, 144, 3 * 144);
        Assert.Equal(read.DecodesTried / (double)(1 << 24), read.FalseDecodeRisk, 12);
        AssertReadableCellsAreTheCode(read.Reading);
    }

    [Fact]
    public void Hidden_orientation_mark_with_too_little_ring_left_is_not_guessed()
    {
        using var frame = Photograph(new ScenePose(default, 15), new CameraDefects { HiddenSectors = [new Sector(300, 250)] }, seed: 23);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.Null(read.Pose);
        Assert.Contains("none of the 144 slot turns decodes", Assert.IsType<GearDecodeResult.Undecodable>(read.Reading.Decoded).Reason);
        Assert.Equal(144, read.RotationsTried);
    }

    [Fact]
    public void Ring_read_at_its_orientation_mark_carries_one_turn_of_false_decode_risk()
    {
        using var frame = Photograph(new ScenePose(default, 60), CameraDefects.None, seed: 24);

        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);

        Assert.IsType<GearDecodeResult.Decoded>(read.Reading.Decoded);
        Assert.Equal(1, read.RotationsTried);
        Assert.Equal(1.0 / (1 << 24), read.FalseDecodeRisk, 12);
    }

    private static double TurnError(double foundDeg, double trueDeg) => Math.Abs(Math.IEEERemainder(foundDeg - trueDeg, 360));

    private static void AssertReadableCellsAreTheCode(RingReading reading)
    {
        var code = GearCodec.Instance.Encode(Identity);
        var wrong = Enumerable.Range(0, code.Count)
            .Where(i => reading.Cells[i] != CellRead.Unreadable && (reading.Cells[i] == CellRead.Mark) != code[i])
            .ToList();
        Assert.Empty(wrong);
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

    /// <summary>What a firing pin leaves in a primer: its tip face mirrored left to right.</summary>
    private static CameraFrame Mirrored(CameraFrame pin)
    {
        using (pin)
        {
            var flipped = new OpenCvSharp.Mat();
            OpenCvSharp.Cv2.Flip(pin.Image, flipped, OpenCvSharp.FlipMode.Y);
            return new CameraFrame(flipped, pin.MillimetresPerPixel);
        }
    }

    internal static CameraFrame Photograph(ScenePose pose, CameraDefects defects, int seed)
    {
        var burns = Marking.Strokes
            .SelectMany(s => s.Points.Zip(s.Points.Skip(1), (from, to) => new BurnSegment(from, to, 0.8, 600)))
            .ToList();
        var image = new BurnLogRenderer(Settings).Render(burns, default, [default], seed, pose, defects);
        return new CameraFrame(image, Settings.MillimetresPerPixel);
    }
}
