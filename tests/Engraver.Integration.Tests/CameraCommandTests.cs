using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Integration.Tests.Support;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using OpenCvSharp;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver camera snapshot` and `camera check` through OpenCV's VideoCapture, as the service opens a
/// camera; a picture file stands in for the camera (OpenCV opens it like a device), so the whole path runs here.</summary>
public class CameraCommandTests
{
    [Fact]
    public async Task Check_of_a_sharp_pin_at_the_configured_scale_passes_and_names_the_scale_it_measured()
    {
        using var folder = new TempFolder();
        var picture = Photograph(folder.Path, 0.002);

        var (exit, output) = await EngraverProcess.RunAsync("camera", "check", "--device", picture);

        Assert.True(exit == 0, output);
        Assert.Contains("camera check: 1024x1024 from --device " + picture, output, StringComparison.Ordinal);
        Assert.Contains("mm per pixel (Camera:MillimetresPerPixel 0.00200", output, StringComparison.Ordinal);
        Assert.Contains("camera check: passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_at_another_scale_exits_1_saying_what_to_set()
    {
        using var folder = new TempFolder();
        var picture = Photograph(folder.Path, 0.0025);

        var (exit, output) = await EngraverProcess.RunAsync("camera", "check", "--device", picture);

        Assert.True(exit == 1, output);
        Assert.Contains("to fix: scale: the tip shows 0.0025", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_writes_the_picture_and_refuses_to_replace_one_without_force()
    {
        using var folder = new TempFolder();
        var picture = Photograph(folder.Path, 0.002);
        var snapshot = Path.Combine(folder.Path, "snap.png");

        var (first, firstOutput) = await EngraverProcess.RunAsync("camera", "snapshot", "--device", picture, "--out", snapshot);
        var (again, againOutput) = await EngraverProcess.RunAsync("camera", "snapshot", "--device", picture, "--out", snapshot);

        Assert.True(first == 0, firstOutput);
        using (var written = Cv2.ImRead(snapshot, ImreadModes.Unchanged))
        {
            Assert.Equal((1024, 1024, 1), (written.Cols, written.Rows, written.Channels()));
        }

        Assert.True(again == 2, againOutput);
        Assert.Contains("it exists; give --force", againOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_that_is_not_there_exits_2_naming_it()
    {
        var (exit, output) = await EngraverProcess.RunAsync("camera", "check", "--device", "/dev/video-not-here");

        Assert.True(exit == 2, output);
        Assert.Contains("No camera answered at --device /dev/video-not-here", output, StringComparison.Ordinal);
    }

    private static string Photograph(string folder, double millimetresPerPixel)
    {
        var marking = new ToolpathGenerator().Generate(new MicrostampIdentity("ENGR", "MS1", "K7Q2M9XA"), PinProfile.Default);
        var burns = marking.Strokes.SelectMany(s => s.Points.Zip(s.Points.Skip(1), (from, to) => new BurnSegment(from, to, 0.8, 600))).ToList();
        var settings = new BurnRenderSettings { WidthPx = 1024, HeightPx = 1024, MillimetresPerPixel = millimetresPerPixel };
        using var image = new BurnLogRenderer(settings).Render(burns, default, [default], 3, new ScenePose(default, 0), new CameraDefects());
        var path = Path.Combine(folder, $"pin-{millimetresPerPixel:0.0000}.png");
        Assert.True(Cv2.ImWrite(path, image));
        return path;
    }
}
