using Engraver.Core.Geometry;
using Engraver.Core.Toolpaths;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using Engraver.Vision.Tests.Support;
using OpenCvSharp;

namespace Engraver.Vision.Tests;

public sealed class SimulatedCameraTests
{
    private static readonly Point2 PinCentre = new(20, 10);

    [Fact]
    public async Task Frame_has_the_configured_size_scale_and_grey_type()
    {
        var options = new SimulatedCameraOptions { WidthPx = 640, HeightPx = 480, MillimetresPerPixel = 0.003 };

        using var frame = await Capture.AtAsync(new FakeBurnLog(), PinCentre, options);

        Assert.Equal(new Size(640, 480), frame.Image.Size());
        Assert.Equal(MatType.CV_8UC1, frame.Image.Type());
        Assert.Equal(0.003, frame.MillimetresPerPixel);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_frames()
    {
        var burnLog = new FakeBurnLog().Burn(TestGlyphs.Layout("E1"), PinCentre);
        burnLog.MachinePosition = PinCentre;
        var first = new SimulatedCamera(burnLog, new SimulatedCameraOptions { Seed = 42 });
        var second = new SimulatedCamera(burnLog, new SimulatedCameraOptions { Seed = 42 });

        using var a = await first.CaptureAsync(CancellationToken.None);
        using var b = await second.CaptureAsync(CancellationToken.None);

        Assert.Equal(0, Cv2.Norm(a.Image, b.Image, NormTypes.L1));
    }

    [Fact]
    public async Task Different_seeds_give_different_noise()
    {
        var burnLog = new FakeBurnLog { MachinePosition = PinCentre };

        using var a = await new SimulatedCamera(burnLog, new SimulatedCameraOptions { Seed = 1 }).CaptureAsync(CancellationToken.None);
        using var b = await new SimulatedCamera(burnLog, new SimulatedCameraOptions { Seed = 2 }).CaptureAsync(CancellationToken.None);

        Assert.NotEqual(0, Cv2.Norm(a.Image, b.Image, NormTypes.L1));
    }

    [Fact]
    public async Task Machine_plus_Y_appears_above_the_image_centre()
    {
        // A short horizontal burn 0.2 mm above the point under the camera: 100 rows above the centre.
        var burnLog = new FakeBurnLog();
        var above = PinCentre + new Point2(0, 0.2);
        var log = burnLog.BurnExcept(new([new([new Point2(-0.05, 0), new Point2(0.05, 0)])]), above, -1, -1);

        using var frame = await Capture.AtAsync(log, PinCentre);

        var centreCol = (frame.Image.Cols - 1) / 2;
        var centreRow = (frame.Image.Rows - 1) / 2;
        Assert.True(frame.Image.At<byte>(centreRow - 100, centreCol) < 110, "the burn should be dark 100 rows above the centre");
        Assert.True(frame.Image.At<byte>(centreRow + 100, centreCol) > 140, "the metal should be bright 100 rows below the centre");
    }

    [Fact]
    public async Task Camera_sees_the_point_offset_from_the_laser()
    {
        var options = new SimulatedCameraOptions { CameraOffsetMm = new Point2(5, -2) };
        var burnLog = new FakeBurnLog().BurnExcept(new([new([new Point2(-0.02, 0), new Point2(0.02, 0)])]), PinCentre, -1, -1);
        burnLog.MachinePosition = PinCentre - options.CameraOffsetMm;

        using var frame = await new SimulatedCamera(burnLog, options).CaptureAsync(CancellationToken.None);

        var centre = frame.Image.At<byte>((frame.Image.Rows - 1) / 2, (frame.Image.Cols - 1) / 2);
        Assert.True(centre < 110, $"the burn at the camera's point should be dark at the image centre, was {centre}");
    }

    [Fact]
    public async Task A_new_tray_shows_a_fresh_pin_where_the_old_tray_was_burned_and_then_its_own_burns()
    {
        var options = new SimulatedCameraOptions { CameraOffsetMm = new Point2(5, -2) };
        Toolpath stroke = new([new([new Point2(-0.02, 0), new Point2(0.02, 0)])]);
        var burnLog = new FakeBurnLog().BurnExcept(stroke, PinCentre, -1, -1);
        burnLog.MachinePosition = PinCentre - options.CameraOffsetMm;
        var camera = new SimulatedCamera(burnLog, options);

        camera.NewTray();
        var fresh = await CentreAsync(camera);
        burnLog.BurnExcept(stroke, PinCentre, -1, -1);
        var burned = await CentreAsync(camera);

        Assert.True(fresh > 140, $"the old tray's burn went with it: the fresh pin is bright metal, was {fresh}");
        Assert.True(burned < 110, $"a burn on the new tray is seen, was {burned}");
    }

    private static async Task<byte> CentreAsync(SimulatedCamera camera)
    {
        using var frame = await camera.CaptureAsync(CancellationToken.None);
        return frame.Image.At<byte>((frame.Image.Rows - 1) / 2, (frame.Image.Cols - 1) / 2);
    }

    [Fact]
    public async Task Capture_after_cancellation_throws()
    {
        var camera = new SimulatedCamera(new FakeBurnLog(), new SimulatedCameraOptions());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => camera.CaptureAsync(cancelled.Token));
    }

    [Fact]
    public void Bad_scale_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new SimulatedCamera(new FakeBurnLog(), new SimulatedCameraOptions { MillimetresPerPixel = 0 }));

        Assert.Equal(nameof(BurnRenderSettings.MillimetresPerPixel), error.ParamName);
    }

    [Fact]
    public async Task Burns_since_the_last_capture_show_in_the_next()
    {
        var burnLog = new GrowingBurnLog { MachinePosition = PinCentre };
        var camera = new SimulatedCamera(burnLog, new SimulatedCameraOptions());
        using var before = await camera.CaptureAsync(CancellationToken.None);

        burnLog.Add(new BurnSegment(PinCentre + new Point2(-0.05, 0), PinCentre + new Point2(0.05, 0), 0.8, 600));
        using var after = await camera.CaptureAsync(CancellationToken.None);

        var centreRow = (before.Image.Rows - 1) / 2;
        var centreCol = (before.Image.Cols - 1) / 2;
        Assert.True(before.Image.At<byte>(centreRow, centreCol) > 140);
        Assert.True(after.Image.At<byte>(centreRow, centreCol) < 110);
    }

    private sealed class GrowingBurnLog : IBurnLogSource
    {
        private readonly List<BurnSegment> _segments = [];

        public Point2 MachinePosition { get; init; }

        public void Add(BurnSegment segment) => _segments.Add(segment);

        public IReadOnlyList<BurnSegment> BurnLogSnapshot() => _segments.ToArray();
    }
}
