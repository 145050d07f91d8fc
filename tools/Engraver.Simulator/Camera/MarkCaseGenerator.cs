using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Laser;

namespace Engraver.Simulator.Camera;

/// <summary>What a generated case shows.</summary>
public enum MarkCase
{
    Clean,
    LowPower,
    Defocus,
    Debris,
    MissingStroke,
    MissingGlyph,
    Smear,

    /// <summary>A clean mark of a serial one character away from the expected one.</summary>
    WrongSerial,
}

/// <summary>One generated photograph and what the pin was meant to carry.</summary>
public sealed record GeneratedMark(MarkCase Case, MicrostampIdentity Expected, MicrostampIdentity Burned, Toolpath ExpectedToolpath, CameraFrame Frame, ScenePose Pose);

/// <summary>Makes verification cases with the camera twin: a random serial burned as the station burns
/// it (power 0.8 at 600 mm/min on the pin at the machine origin), photographed with the pin jittered
/// off the axis and turned at random, clean or with one defect.</summary>
public sealed class MarkCaseGenerator(SimulatedCameraOptions camera, PinProfile profile)
{
    private const string SerialAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private const int SerialLength = 8;
    private static readonly Point2 PinCentre = new(0, 0);

    private readonly BurnLogRenderer _renderer = new(camera.ToRenderSettings());
    private readonly ToolpathGenerator _toolpaths = new();
    private readonly LayoutEngine _layout = new();

    /// <summary>A 2048 x 2048 camera at 1 µm per pixel, pin within 0.1 mm of the axis and turned any way.</summary>
    public static SimulatedCameraOptions BenchCamera { get; } = new()
    {
        WidthPx = 2048,
        HeightPx = 2048,
        MillimetresPerPixel = 0.001,
        PlacementJitterMm = 0.1,
        RotationJitterDeg = 180,
        TipCentresMm = [PinCentre],
    };

    public GeneratedMark Generate(MarkCase kind, int seed)
    {
        var random = new Random(seed);
        var expected = new MicrostampIdentity("ENGR", "MS1", RandomSerial(random));
        var burned = kind == MarkCase.WrongSerial ? expected with { Serial = OneCharacterAway(expected.Serial, random) } : expected;
        var expectedToolpath = _toolpaths.Generate(expected, profile);
        var burnedToolpath = kind == MarkCase.WrongSerial ? _toolpaths.Generate(burned, profile) : expectedToolpath;
        var burns = Burn(burnedToolpath);
        var defects = kind switch
        {
            MarkCase.LowPower => CameraDefects.LowPower(),
            MarkCase.Defocus => CameraDefects.Defocus(),
            MarkCase.Debris => CameraDefects.Debris(),
            MarkCase.Smear => CameraDefects.Smeared(),
            MarkCase.MissingStroke => CameraDefects.WithoutStroke(random.Next(1000)),
            MarkCase.MissingGlyph => CameraDefects.WithoutBox(RandomGlyphBox(expected, random)),
            _ => CameraDefects.None,
        };
        var pose = camera.DrawPose(random);
        var image = _renderer.Render(burns, PinCentre, camera.TipCentresMm, random.Next(), pose, defects);
        return new GeneratedMark(kind, expected, burned, expectedToolpath, new CameraFrame(image, camera.MillimetresPerPixel), pose);
    }

    private static List<BurnSegment> Burn(Toolpath toolpath)
    {
        var burns = new List<BurnSegment>();
        foreach (var stroke in toolpath.Strokes)
        {
            for (var i = 1; i < stroke.Points.Count; i++)
            {
                burns.Add(new BurnSegment(PinCentre + stroke.Points[i - 1], PinCentre + stroke.Points[i], 0.8, 600));
            }
        }

        return burns;
    }

    private MachineBox RandomGlyphBox(MicrostampIdentity identity, Random random)
    {
        var layout = _layout.Layout(identity, profile);
        var line = layout.Lines[random.Next(layout.Lines.Count)];
        var index = random.Next(line.Text.Length);
        var font = _layout.Font;
        var left = line.Origin.X + (index * font.Advance * layout.GridUnitMm);
        var margin = profile.LineWidthMm;
        return new MachineBox(
            PinCentre + new Point2(left - margin, line.Origin.Y - margin),
            PinCentre + new Point2(left + (font.GridWidth * layout.GridUnitMm) + margin, line.Origin.Y + line.HeightMm + margin));
    }

    private static string RandomSerial(Random random) =>
        new(Enumerable.Range(0, SerialLength).Select(_ => SerialAlphabet[random.Next(SerialAlphabet.Length)]).ToArray());

    private static string OneCharacterAway(string serial, Random random)
    {
        var chars = serial.ToCharArray();
        var at = random.Next(chars.Length);
        var original = chars[at];
        while (chars[at] == original)
        {
            chars[at] = SerialAlphabet[random.Next(SerialAlphabet.Length)];
        }

        return new string(chars);
    }
}
