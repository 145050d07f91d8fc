using Engraver.Core.Calibration;
using Engraver.Core.Geometry;
using Engraver.Simulator.Camera;
using Engraver.Vision.Calibration;
using Engraver.Vision.Tests.Support;
using OpenCvSharp;

namespace Engraver.Vision.Tests.Calibration;

public sealed class FiducialFinderTests
{
    private static readonly Point2 Coupon = new(-90, -140);
    private static readonly FiducialPattern Pattern = FiducialPattern.Default;

    /// <summary>A camera twin scaled and turned unlike the nominal 0.002 mm/px, square camera.</summary>
    private static readonly SimulatedCameraOptions Turned = new() { MillimetresPerPixel = 0.00204, RotationDeg = 0.8, TipCentresMm = [Coupon] };

    /// <summary>Where the twin puts a dot (pixel column, row), from its true scale and turn.</summary>
    private static Point2d TruePixel(Point2 dot, SimulatedCameraOptions camera)
    {
        var (sin, cos) = Math.SinCos(-camera.RotationDeg * Math.PI / 180);
        var u = ((dot.X * cos) - (dot.Y * sin)) / camera.MillimetresPerPixel;
        var v = ((dot.X * sin) + (dot.Y * cos)) / camera.MillimetresPerPixel;
        return new Point2d(((camera.WidthPx - 1) / 2.0) + u, ((camera.HeightPx - 1) / 2.0) - v);
    }

    /// <summary>Where a station believing 0.002 mm/px and no turn expects each dot: up to 20 px off at the corners.</summary>
    private static List<Point2d> Nominal() => Pattern.Dots.Select(d => TruePixel(d, new SimulatedCameraOptions())).ToList();

    [Fact]
    public async Task Finds_every_dot_of_the_burned_fiducial_within_a_fifth_of_a_pixel_on_a_scaled_and_turned_camera()
    {
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(Pattern.ToToolpath(), Coupon), Coupon, Turned);

        var found = FiducialFinder.Find(frame.Image, Nominal(), dotSizePx: 26, searchRadiusPx: 75);

        for (var i = 0; i < Pattern.Dots.Count; i++)
        {
            var at = Assert.NotNull(found[i]);
            var error = at.DistanceTo(TruePixel(Pattern.Dots[i], Turned));
            Assert.True(error < 0.2, $"dot {i} found {error:0.000} px from where it is");
        }
    }

    [Fact]
    public async Task A_dot_that_did_not_burn_is_reported_missing_not_guessed()
    {
        var toolpath = Pattern.ToToolpath();
        // Dot 5's four strokes never burned.
        var burned = new Core.Toolpaths.Toolpath(toolpath.Strokes.Where((_, i) => i / 4 != 5).ToList());
        using var frame = await Capture.AtAsync(new FakeBurnLog().Burn(burned, Coupon), Coupon, Turned);

        var found = FiducialFinder.Find(frame.Image, Nominal(), dotSizePx: 26, searchRadiusPx: 75);

        Assert.Null(found[5]);
        Assert.Equal(15, found.Count(f => f is not null));
    }

    [Fact]
    public async Task The_twin_is_sharp_within_its_depth_of_field_and_blurs_beyond_it_as_the_laplacian_shows()
    {
        var camera = new SimulatedCameraOptions { FocusZMm = -4.7, DepthOfFieldMm = 0.1, DefocusBlurPerMm = 0.05 };
        var burnLog = new FakeBurnLog().Burn(Pattern.ToToolpath(), Coupon);
        var region = new Rect(262, 262, 500, 500);

        async Task<double> SharpnessAtAsync(double z)
        {
            burnLog.MachineZ = z;
            using var frame = await Capture.AtAsync(burnLog, Coupon, camera);
            return FocusSharpness.VarianceOfLaplacian(frame.Image, region);
        }

        var inFocus = await SharpnessAtAsync(-4.7);
        var edgeOfField = await SharpnessAtAsync(-4.66);
        var off = await SharpnessAtAsync(-5.0);

        Assert.InRange(edgeOfField / inFocus, 0.9, 1.1);
        Assert.True(off < inFocus * 0.5, $"0.3 mm out of focus: {off:0.0} against {inFocus:0.0} in focus");
    }
}
