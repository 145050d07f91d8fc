using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Service.Calibration;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using Engraver.Vision.Verification;
using Xunit;
using Xunit.Abstractions;

namespace Engraver.Service.Tests.Calibration;

/// <summary>A camera mounted turned about its axis shows the mark turned; the station's camera turns each frame back by
/// the calibrated rotation, so the verifier compares the mark with the toolpath in machine axes.</summary>
public sealed class CalibratedCameraTests(ITestOutputHelper output)
{
    private static readonly Point2 Pin = new(-100, -120);

    private sealed class OneMark(Toolpath toolpath) : IBurnLogSource
    {
        public Point2 MachinePosition => Pin;

        public IReadOnlyList<BurnSegment> BurnLogSnapshot() =>
            toolpath.Strokes.SelectMany(s => s.Points.Zip(s.Points.Skip(1), (a, b) => new BurnSegment(Pin + a, Pin + b, 0.8, 600))).ToList();
    }

    [Fact]
    public async Task A_frame_from_a_turned_camera_is_turned_back_by_the_calibrated_rotation_and_verifies_as_square()
    {
        var toolpath = new ToolpathGenerator().Generate(new MicrostampIdentity("ENGR", "MS1", "C00001"), PinProfile.Default);
        var twin = new SimulatedCamera(new OneMark(toolpath), new SimulatedCameraOptions { RotationDeg = 2.0, TipCentresMm = [Pin] });
        var square = new SimulatedCamera(new OneMark(toolpath), new SimulatedCameraOptions { TipCentresMm = [Pin] });

        using var straightened = await new CalibratedCamera(twin, 0.002, 2.0).CaptureAsync(CancellationToken.None);
        using var asTurned = await new CalibratedCamera(twin, 0.002, 0).CaptureAsync(CancellationToken.None);
        using var reference = await square.CaptureAsync(CancellationToken.None);
        var expected = ExpectedMark.For(new MicrostampIdentity("ENGR", "MS1", "C00001"), PinProfile.Default, toolpath);
        var fixedUp = MarkVerifier.Verify(straightened, expected, MarkVerifierOptions.Default);
        var turned = MarkVerifier.Verify(asTurned, expected, MarkVerifierOptions.Default);
        output.WriteLine($"straightened: pose {fixedUp.Pose}, grade {fixedUp.Grade.Overall}; as turned: pose {turned.Pose}, grade {turned.Grade.Overall}");

        Assert.True(fixedUp.Passed, string.Join("; ", fixedUp.Reasons));
        Assert.Equal(turned.Grade.Overall, fixedUp.Grade.Overall);
        // The verifier's pose search alone takes a small turn for the pin's: decoding does not depend on the
        // straightening, which puts the mark back in machine axes.
        Assert.True(turned.Passed, string.Join("; ", turned.Reasons));
        // Turned back, the frame is the square camera's frame: the pin sits at no turn.
        Assert.InRange(fixedUp.Pose.RotationDeg, -0.3, 0.3);
        Assert.InRange(turned.Pose.RotationDeg, -2.3, -1.7);
        Assert.Equal(reference.Image.Size(), straightened.Image.Size());
    }

    [Fact]
    public async Task Every_frame_carries_the_stations_scale_not_the_cameras_own()
    {
        var twin = new SimulatedCamera(new OneMark(new Toolpath([])), new SimulatedCameraOptions { MillimetresPerPixel = 0.00204 });

        using var frame = await new CalibratedCamera(twin, 0.0020399, 0).CaptureAsync(CancellationToken.None);

        Assert.Equal(0.0020399, frame.MillimetresPerPixel);
    }
}
