using Engraver.Core.Geometry;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Camera;
using Engraver.Simulator.Laser;
using OpenCvSharp;

namespace Engraver.Simulator.Camera.Conditions;

/// <summary>Photographs the station did not take, for the decoder's tests and `bench vision`: the camera
/// twin's frames and <see cref="IndependentRingRenderer"/>'s, each put through one condition a real
/// camera, a real strike or a real primer brings, at a set strength, seeded. All are to be read as if
/// taken at the configured 0.002 mm per pixel.</summary>
public static class ConditionCorpus
{
    public const double ConfiguredMmPerPixel = 0.002;
    public const int SizePx = 1024;

    public static readonly MicrostampIdentity Identity = new("ENGR", "MS1", "K7Q2M9XA");

    public static readonly string[] Conditions =
    [
        "clean", "inverted", "scale 0.8x", "scale 1.25x", "tilt 10 deg", "foreshortened 1.5%", "tilt 15 deg", "blur 3 px",
        "illumination gradient", "hot spot", "contrast 30%", "30% unstruck, bare metal", "30% unstruck, bright",
        "40% unstruck, bare metal", "45% unstruck, bare metal", "ring cut by the frame", "0.006 mm per pixel",
    ];

    public static readonly string[] Renderers = ["twin", "independent"];

    /// <summary>Three photographs of one pin, each missing a different 60% of the ring (never struck, bare
    /// metal), read only together; the orientation mark lies in the part one of them misses.</summary>
    public const string ThreePartial = "three photographs, each missing a different 60%, orientation mark hidden in one";

    /// <summary>Conditions made of several photographs, read by fusing them (<see cref="MakeSeveral"/>).</summary>
    public static readonly string[] FusedConditions = [ThreePartial];

    /// <summary>The conditions the decoder is held to together (at least 95% read right over all of them,
    /// no wrong identity), each at the strength it is made at here; single photographs, then fused ones.</summary>
    public static readonly string[] Table =
    [
        "inverted", "scale 0.8x", "scale 1.25x", "tilt 10 deg", "foreshortened 1.5%", "blur 3 px",
        "illumination gradient", "hot spot", "contrast 30%", "30% unstruck, bare metal", "30% unstruck, bright",
        "45% unstruck, bare metal", "ring cut by the frame", "0.006 mm per pixel", ThreePartial,
    ];

    /// <summary>Each of the three photographs shows this much of the ring, 40%.</summary>
    public const double ShownOfThreeDeg = 144;

    /// <summary>The three shown arcs start this far apart: together they cover the whole ring, and each
    /// overlaps the next by 36 degrees (about 14 slots), where they can be placed against each other.</summary>
    public const double StepOfThreeDeg = 108;

    /// <summary>A long identity (26 characters): no blank padding at the start of the code.</summary>
    public static readonly MicrostampIdentity LongIdentity = new("ACMEFAB", "P320-X9", "AB12CD34EF56");

    /// <summary>One photograph of <paramref name="identity"/> (default <see cref="Identity"/>): the
    /// condition applied to a picture by the renderer, seeded.</summary>
    /// <exception cref="ArgumentException">An unknown condition or renderer.</exception>
    public static CameraFrame Make(string condition, string renderer, int seed, MicrostampIdentity? identity = null)
    {
        if (!Conditions.Contains(condition) || !Renderers.Contains(renderer))
        {
            throw new ArgumentException($"Unknown condition '{condition}' or renderer '{renderer}'.");
        }

        identity ??= Identity;
        var random = new Random(seed * 7919);
        var turn = random.NextDouble() * 360;
        var offset = (X: (random.NextDouble() - 0.5) * 0.04, Y: (random.NextDouble() - 0.5) * 0.04);
        var gapFrom = random.NextDouble() * 360;
        Func<double, bool>? unstruck = condition switch
        {
            "30% unstruck, bare metal" or "30% unstruck, bright" => a => InArc(a, gapFrom, 108),
            "40% unstruck, bare metal" => a => InArc(a, gapFrom, 144),
            "45% unstruck, bare metal" => a => InArc(a, gapFrom, 162),
            _ => null,
        };
        var mmPerPixel = condition == "0.006 mm per pixel" ? 0.006 : ConfiguredMmPerPixel;
        var size = condition == "0.006 mm per pixel" ? 400 : SizePx;
        var image = renderer == "twin"
            ? Twin(identity, size, mmPerPixel, offset, turn, seed, unstruck)
            : IndependentRingRenderer.Render(identity, size, mmPerPixel, offset, turn, seed, unstruck);
        var result = Apply(condition, image, random, offset, turn, gapFrom);
        return new CameraFrame(result, ConfiguredMmPerPixel);
    }

    /// <summary>The photographs of a condition in <see cref="FusedConditions"/>, seeded. For
    /// <see cref="ThreePartial"/>: three photographs, each at its own turn and offset, showing arcs
    /// <see cref="StepOfThreeDeg"/> apart that put the orientation mark (pin-local 0 degrees) in the
    /// overlap of the first two, so the third misses it.</summary>
    /// <exception cref="ArgumentException">An unknown condition or renderer.</exception>
    public static IReadOnlyList<CameraFrame> MakeSeveral(string condition, string renderer, int seed, MicrostampIdentity? identity = null)
    {
        if (!FusedConditions.Contains(condition) || !Renderers.Contains(renderer))
        {
            throw new ArgumentException($"Unknown condition '{condition}' or renderer '{renderer}'.");
        }

        identity ??= Identity;
        var random = new Random(seed * 104729);

        // The mark at 0 lies in the overlap [first + 108, first + 144] of the first two arcs, at least 8 degrees inside it.
        var first = -126 + ((random.NextDouble() - 0.5) * 20);
        var frames = new List<CameraFrame>(3);
        for (var k = 0; k < 3; k++)
        {
            var from = first + (k * StepOfThreeDeg);
            var turn = random.NextDouble() * 360;
            var offset = (X: (random.NextDouble() - 0.5) * 0.04, Y: (random.NextDouble() - 0.5) * 0.04);
            var photoSeed = (seed * 3) + k;
            Func<double, bool> unstruck = a => !InArc(a, from, ShownOfThreeDeg);
            var image = renderer == "twin"
                ? Twin(identity, SizePx, ConfiguredMmPerPixel, offset, turn, photoSeed, unstruck)
                : IndependentRingRenderer.Render(identity, SizePx, ConfiguredMmPerPixel, offset, turn, photoSeed, unstruck);
            frames.Add(new CameraFrame(image, ConfiguredMmPerPixel));
        }

        return frames;
    }

    private static Mat Twin(MicrostampIdentity identity, int size, double mmPerPixel, (double X, double Y) offset, double turn, int seed, Func<double, bool>? unstruck)
    {
        var burns = new ToolpathGenerator().Generate(identity, PinProfile.Default).Strokes
            .SelectMany(s => s.Points.Zip(s.Points.Skip(1), (from, to) => new BurnSegment(from, to, 0.8, 600)))
            .Where(b => unstruck is null || !IsRingBurnIn(b, unstruck))
            .ToList();
        var settings = new BurnRenderSettings { WidthPx = size, HeightPx = size, MillimetresPerPixel = mmPerPixel };
        return new BurnLogRenderer(settings).Render(burns, default, [default], seed, new ScenePose(new Point2(offset.X, offset.Y), turn));
    }

    private static bool IsRingBurnIn(BurnSegment burn, Func<double, bool> unstruck)
    {
        var mid = new Point2((burn.From.X + burn.To.X) / 2, (burn.From.Y + burn.To.Y) / 2);
        return mid.Length > 0.5 && unstruck(Math.Atan2(mid.Y, mid.X) * 180 / Math.PI);
    }

    private static bool InArc(double angleDeg, double fromDeg, double spanDeg)
    {
        var d = ((angleDeg - fromDeg) % 360 + 360) % 360;
        return d <= spanDeg;
    }

    private static Mat Apply(string condition, Mat image, Random random, (double X, double Y) offset, double turn, double gapFrom)
    {
        var centre = new Point2f((float)(((image.Cols - 1) / 2.0) + (offset.X / ConfiguredMmPerPixel)), (float)(((image.Rows - 1) / 2.0) - (offset.Y / ConfiguredMmPerPixel)));
        switch (condition)
        {
            case "inverted":
                Cv2.BitwiseNot(image, image);
                return image;
            case "scale 0.8x":
                return Warp(image, centre, 1 / 0.8, 1 / 0.8, 0);
            case "scale 1.25x":
                return Warp(image, centre, 1 / 1.25, 1 / 1.25, 0);
            case "tilt 10 deg":
                return Warp(image, centre, 1, Math.Cos(10 * Math.PI / 180), random.NextDouble() * 180);
            case "foreshortened 1.5%":
                return Warp(image, centre, 1, 0.985, random.NextDouble() * 180);
            case "tilt 15 deg":
                return Warp(image, centre, 1, Math.Cos(15 * Math.PI / 180), random.NextDouble() * 180);
            case "blur 3 px":
                Cv2.GaussianBlur(image, image, new Size(0, 0), 3);
                return image;
            case "illumination gradient":
                return Shade(image, (row, col) => 0.55 + (0.6 * ((0.5 * col / image.Cols) + (0.5 * row / image.Rows))));
            case "hot spot":
            {
                var at = (X: centre.X + random.Next(-300, 300), Y: centre.Y + random.Next(-300, 300));
                return Add(image, (row, col) => 90 * Math.Exp(-(Math.Pow(col - at.X, 2) + Math.Pow(row - at.Y, 2)) / (2 * 120.0 * 120.0)));
            }
            case "contrast 30%":
            {
                var mean = Cv2.Mean(image).Val0;
                image.ConvertTo(image, MatType.CV_8UC1, 0.3, mean * 0.7);
                return image;
            }
            case "30% unstruck, bright":
            {
                // A bright, flat gap: the unstruck arc shines where the rest is engraved.
                using var gap = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All(0));
                var axes = new Size((int)(0.78 / ConfiguredMmPerPixel), (int)(0.78 / ConfiguredMmPerPixel));
                Cv2.Ellipse(gap, new Point((int)centre.X, (int)centre.Y), axes, 0, -(gapFrom + turn + 108), -(gapFrom + turn), Scalar.All(255), -1);
                Cv2.Circle(gap, new Point((int)centre.X, (int)centre.Y), (int)(0.52 / ConfiguredMmPerPixel), Scalar.All(0), -1);
                using var bright = new Mat(image.Size(), MatType.CV_8UC1);
                Cv2.Randn(bright, Scalar.All(232), Scalar.All(3));
                bright.CopyTo(image, gap);
                return image;
            }
            case "ring cut by the frame":
            {
                // About 5% of the ring (an 18 degree chord cap) beyond the right edge.
                var keep = (int)Math.Round(centre.X + (0.71 * Math.Cos(18 * Math.PI / 180) / ConfiguredMmPerPixel));
                var cut = new Mat(image, new Rect(0, 0, Math.Min(image.Cols, keep), image.Rows)).Clone();
                image.Dispose();
                return cut;
            }
            default:
                return image;
        }
    }

    /// <summary>Scales by <paramref name="along"/> and <paramref name="across"/> along axes turned by
    /// <paramref name="axisDeg"/>, about <paramref name="centre"/>, keeping the frame size.</summary>
    private static Mat Warp(Mat image, Point2f centre, double along, double across, double axisDeg)
    {
        var (sin, cos) = Math.SinCos(axisDeg * Math.PI / 180);
        var m00 = (along * cos * cos) + (across * sin * sin);
        var m01 = (along - across) * cos * sin;
        var m11 = (along * sin * sin) + (across * cos * cos);
        using var map = Mat.FromPixelData(2, 3, MatType.CV_64FC1, new[]
        {
            m00, m01, centre.X - ((m00 * centre.X) + (m01 * centre.Y)),
            m01, m11, centre.Y - ((m01 * centre.X) + (m11 * centre.Y)),
        });
        var result = new Mat();
        Cv2.WarpAffine(image, result, map, image.Size(), InterpolationFlags.Linear, BorderTypes.Reflect101);
        image.Dispose();
        return result;
    }

    private static Mat Shade(Mat image, Func<int, int, double> factor)
    {
        using var f = new Mat();
        image.ConvertTo(f, MatType.CV_32FC1);
        PixelMap.Apply(f, (row, col, v) => v * (float)factor(row, col));

        f.ConvertTo(image, MatType.CV_8UC1);
        return image;
    }

    private static Mat Add(Mat image, Func<int, int, double> amount)
    {
        using var f = new Mat();
        image.ConvertTo(f, MatType.CV_32FC1);
        PixelMap.Apply(f, (row, col, v) => v + (float)amount(row, col));

        f.ConvertTo(image, MatType.CV_8UC1);
        return image;
    }
}
