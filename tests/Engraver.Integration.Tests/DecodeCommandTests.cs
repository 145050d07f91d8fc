using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Integration.Tests.Support;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Camera.Conditions;
using Engraver.Simulator.Laser;
using OpenCvSharp;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver decode` as an auditor runs it: photographs on disk, one process.</summary>
public class DecodeCommandTests
{
    private static readonly MicrostampIdentity Identity = new("ENGR", "MS1", "K7Q2M9XA");

    // Each photograph hides a different 60% (216 degrees) of the ring; the orientation mark stays in view.
    private static readonly Sector[] Hidden = [new(134, 216), new(10, 216), new(72, 216)];

    [Theory]
    [InlineData(0.0)]
    [InlineData(37.0)]
    public async Task One_whole_photograph_decodes_at_any_turn(double rotationDeg)
    {
        using var folder = new TempFolder();
        var image = Photograph(folder.Path, "whole.png", new Sector(0, 0), new ScenePose(default, rotationDeg), seed: 5);

        var (exit, output) = await EngraverProcess.RunAsync("decode", image, "--expect-serial", Identity.Serial);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Three_photographs_each_missing_a_different_60_percent_of_the_ring_decode_together()
    {
        using var folder = new TempFolder();
        var images = Hidden.Select((sector, i) => Photograph(folder.Path, $"view{i}.png", sector, new ScenePose(new Core.Geometry.Point2(0.02 * i, -0.01), 70 * i), seed: 10 + i)).ToArray();

        var (fusedExit, fused) = await EngraverProcess.RunAsync(["decode", .. images, "--expect-serial", Identity.Serial]);
        var (aloneExit, alone) = await EngraverProcess.RunAsync("decode", images[0], "--expect-serial", Identity.Serial);

        Assert.True(fusedExit == 0, fused);
        Assert.Contains("fused 3 reads", fused, StringComparison.Ordinal);
        Assert.Contains(Identity.Serial, fused, StringComparison.Ordinal);
        Assert.NotEqual(0, aloneExit);
        Assert.DoesNotContain($"identity: {Identity}", alone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_photographs_the_mark_hidden_in_one_decode_together_and_each_says_how_it_was_placed()
    {
        using var folder = new TempFolder();
        var images = ConditionCorpus.MakeSeveral(ConditionCorpus.ThreePartial, "independent", 3, ConditionCorpus.LongIdentity).Select((frame, i) =>
        {
            using (frame)
            {
                var path = Path.Combine(folder.Path, $"part{i}.png");
                Assert.True(Cv2.ImWrite(path, frame.Image), $"could not write {path}");
                return path;
            }
        }).ToArray();

        var (exit, output) = await EngraverProcess.RunAsync(["decode", .. images, "--expect-serial", ConditionCorpus.LongIdentity.Serial]);

        Assert.True(exit == 0, output);
        Assert.Contains("part2.png: undecodable: the orientation mark was not found", output, StringComparison.Ordinal);
        Assert.Contains("part2.png: placed by its cells: ", output, StringComparison.Ordinal);
        Assert.Contains("fusion: 3 of 3 reads placed", output, StringComparison.Ordinal);
        Assert.Contains($"fused 3 reads: {ConditionCorpus.LongIdentity}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photograph_missing_the_orientation_mark_decodes_and_says_how_many_turns_were_tried()
    {
        using var folder = new TempFolder();
        var image = Photograph(folder.Path, "no-mark.png", new Sector(300, 130), new ScenePose(default, 37), seed: 20);

        var (exit, output) = await EngraverProcess.RunAsync("decode", image, "--expect-serial", Identity.Serial);

        Assert.True(exit == 0, output);
        Assert.Matches(@"orientation mark not seen, 144 turns tried, \d+ read-outs offered to the code, false-decode risk \d\.\de-\d", output);
    }

    [Fact]
    public async Task Photograph_of_a_cartridge_case_impression_decodes_and_says_it_was_read_mirrored()
    {
        using var folder = new TempFolder();
        var image = Photograph(folder.Path, "case.png", new Sector(0, 0), new ScenePose(default, 20), seed: 6, mirrored: true);

        var (exit, output) = await EngraverProcess.RunAsync("decode", image, "--expect-serial", Identity.Serial);
        var (flagExit, flagOutput) = await EngraverProcess.RunAsync("decode", image, "--impression", "--expect-serial", Identity.Serial);

        Assert.True(exit == 0, output);
        Assert.Contains("read as a cartridge-case impression", output, StringComparison.Ordinal);
        Assert.True(flagExit == 0, flagOutput);
    }

    [Fact]
    public async Task Ring_cut_by_the_frame_decodes_and_a_file_that_is_not_an_image_is_named_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var cut = Path.Combine(folder.Path, "cut.png");
        using (var frame = ConditionCorpus.Make("ring cut by the frame", "twin", seed: 3))
        {
            Assert.True(Cv2.ImWrite(cut, frame.Image), $"could not write {cut}");
        }

        var notAnImage = Path.Combine(folder.Path, "notes.png");
        await File.WriteAllTextAsync(notAnImage, "not a photograph");
        var empty = Path.Combine(folder.Path, "empty.jpg");
        await File.WriteAllBytesAsync(empty, []);

        var (cutExit, cutOutput) = await EngraverProcess.RunAsync("decode", cut, "--expect-serial", Identity.Serial);
        var (textExit, textOutput) = await EngraverProcess.RunAsync("decode", notAnImage);
        var (emptyExit, emptyOutput) = await EngraverProcess.RunAsync("decode", empty);

        Assert.True(cutExit == 0, cutOutput);
        Assert.Equal(2, textExit);
        Assert.Contains($"decode: {notAnImage} is not an image OpenCV can read", textOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", textOutput, StringComparison.Ordinal);
        Assert.Equal(2, emptyExit);
        Assert.Contains($"decode: {empty} is empty (0 bytes), not an image", emptyOutput, StringComparison.Ordinal);
    }

    private static string Photograph(string folder, string name, Sector hidden, ScenePose pose, int seed, bool mirrored = false)
    {
        var marking = new ToolpathGenerator().Generate(Identity, PinProfile.Default);
        var burns = marking.Strokes
            .SelectMany(s => s.Points.Zip(s.Points.Skip(1), (from, to) => new BurnSegment(from, to, 0.8, 600)))
            .ToList();
        var settings = new BurnRenderSettings { WidthPx = 1024, HeightPx = 1024, MillimetresPerPixel = 0.002 };
        using var image = new BurnLogRenderer(settings).Render(burns, default, [default], seed, pose, new CameraDefects { HiddenSectors = [hidden] });
        if (mirrored)
        {
            // A firing pin leaves its tip face mirrored left to right in the primer.
            Cv2.Flip(image, image, FlipMode.Y);
        }

        var path = Path.Combine(folder, name);
        Assert.True(Cv2.ImWrite(path, image), $"could not write {path}");
        return path;
    }
}
