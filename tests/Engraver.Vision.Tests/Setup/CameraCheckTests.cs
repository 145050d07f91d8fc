using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using Engraver.Vision.Setup;
using OpenCvSharp;

namespace Engraver.Vision.Tests.Setup;

/// <summary>The camera check on frames of an engraved pin as the twin photographs it: sharp and exposed at the
/// configured scale it passes; blurred, dark, bright, at another scale or with no pin it names the problem.</summary>
public sealed class CameraCheckTests
{
    private const double Scale = 0.002;

    [Fact]
    public void Sharp_exposed_frame_at_the_configured_scale_passes_and_measures_the_scale()
    {
        using var frame = Frame(Scale);

        var result = CameraCheck.Run(frame, Scale, PinProfile.Default.TipDiameterMm);

        Assert.True(result.Passed, string.Join("; ", result.Problems));
        Assert.InRange(result.ScaleError!.Value, -0.02, 0.02);
        Assert.InRange(result.Sharpness, CameraCheck.MinimumSharpness, double.MaxValue);
    }

    [Theory]
    [InlineData(0.0016)]
    [InlineData(0.0025)]
    public void Frame_at_another_scale_reports_the_scale_the_tip_shows(double trueScale)
    {
        using var frame = Frame(trueScale);

        var result = CameraCheck.Run(frame, Scale, PinProfile.Default.TipDiameterMm);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("scale: the tip shows", problem, StringComparison.Ordinal);
        Assert.InRange(result.MillimetresPerPixelSeen!.Value / trueScale, 0.97, 1.03);
    }

    [Fact]
    public void Blurred_frame_is_called_blurred()
    {
        using var frame = Frame(Scale);
        Cv2.GaussianBlur(frame, frame, new Size(0, 0), 3);

        var result = CameraCheck.Run(frame, Scale, PinProfile.Default.TipDiameterMm);

        Assert.Contains(result.Problems, p => p.StartsWith("blurred: sharpness", StringComparison.Ordinal));
    }

    [Fact]
    public void Dark_and_bright_frames_are_called_under_and_over_exposed()
    {
        using var dark = Frame(Scale);
        using var bright = Frame(Scale);
        dark.ConvertTo(dark, MatType.CV_8UC1, 0.12);
        bright.ConvertTo(bright, MatType.CV_8UC1, 1, 140);

        Assert.Contains(CameraCheck.Run(dark, Scale, PinProfile.Default.TipDiameterMm).Problems, p => p.StartsWith("under-exposed", StringComparison.Ordinal));
        Assert.Contains(CameraCheck.Run(bright, Scale, PinProfile.Default.TipDiameterMm).Problems, p => p.StartsWith("over-exposed", StringComparison.Ordinal));
    }

    [Fact]
    public void Frame_without_a_pin_says_no_tip_in_view()
    {
        using var empty = new Mat(1024, 1024, MatType.CV_8UC1, new Scalar(128));
        using var noise = new Mat(1024, 1024, MatType.CV_8UC1);
        Cv2.Randn(noise, new Scalar(0), new Scalar(20));
        Cv2.Add(empty, noise, empty);

        var result = CameraCheck.Run(empty, Scale, PinProfile.Default.TipDiameterMm);

        Assert.Contains(result.Problems, p => p.StartsWith("no pin tip in view", StringComparison.Ordinal));
        Assert.Null(result.MillimetresPerPixelSeen);
    }

    /// <summary>The twin's photograph of an engraved pin, rendered at <paramref name="trueScale"/> mm per pixel.</summary>
    internal static Mat Frame(double trueScale)
    {
        var marking = new ToolpathGenerator().Generate(new MicrostampIdentity("ENGR", "MS1", "K7Q2M9XA"), PinProfile.Default);
        var burns = marking.Strokes
            .SelectMany(s => s.Points.Zip(s.Points.Skip(1), (from, to) => new BurnSegment(from, to, 0.8, 600)))
            .ToList();
        var settings = new BurnRenderSettings { WidthPx = 1024, HeightPx = 1024, MillimetresPerPixel = trueScale };
        return new BurnLogRenderer(settings).Render(burns, default, [default], 7, new ScenePose(default, 0), new CameraDefects());
    }
}
