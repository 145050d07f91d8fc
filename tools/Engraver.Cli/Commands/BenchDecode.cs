using System.Diagnostics;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Microstamp;
using Engraver.Hardware.Camera;
using Engraver.Simulator.Camera.Conditions;
using Engraver.Vision.Ring;
using Engraver.Vision.Verification;
using OpenCvSharp;

namespace Engraver.Cli.Commands;

/// <summary>Times `decode`'s reading of one photograph against a machine-independent yardstick: one
/// Gaussian blur (sigma 2 px) over the same frame, measured just before, so a figure from a slow machine
/// and one from a fast one can be compared. Also tallies right, undecodable and wrong identities.</summary>
internal sealed class BenchDecode
{
    private const double ReferenceSigmaPx = 2;

    private readonly List<double> _milliseconds = [];
    private readonly List<double> _blurPasses = [];

    public int Cases { get; private set; }

    public int Right { get; private set; }

    public int Undecodable { get; private set; }

    /// <summary>Decoded to an identity that is not the one on the pin: a false accept.</summary>
    public int Wrong { get; private set; }

    public void Read(CameraFrame frame, MicrostampIdentity expected)
    {
        var reference = ReferencePassMs(frame.Image);
        var clock = Stopwatch.StartNew();
        var read = GearRingDecoder.Read(frame, PinProfile.Default, MarkVerifierOptions.Default);
        var ms = clock.Elapsed.TotalMilliseconds;
        _milliseconds.Add(ms);
        _blurPasses.Add(ms / Math.Max(1e-3, reference));
        Cases++;
        if (read.Reading.Decoded is GearDecodeResult.Decoded decoded)
        {
            Right += decoded.Value == expected ? 1 : 0;
            Wrong += decoded.Value == expected ? 0 : 1;
        }
        else
        {
            Undecodable++;
        }
    }

    public object Figures() => new
    {
        cases = Cases,
        read_right = Right,
        undecodable = Undecodable,
        wrong_identity = Wrong,
        ms_per_image_median = Math.Round(Median(_milliseconds), 1),
        cost_in_blur_passes_median = Math.Round(Median(_blurPasses), 1),
    };

    /// <summary>Each condition from the camera twin and from the independent renderer, <paramref name="perRenderer"/>
    /// photographs each, alternating a short and a long identity.</summary>
    public static (Dictionary<string, object> Figures, int WrongIdentities) Conditions(int perRenderer, int seed, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, object>();
        var all = new BenchDecode();
        foreach (var condition in ConditionCorpus.Conditions)
        {
            var bench = new BenchDecode();
            foreach (var renderer in ConditionCorpus.Renderers)
            {
                for (var i = 0; i < perRenderer; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var identity = i % 2 == 0 ? ConditionCorpus.Identity : ConditionCorpus.LongIdentity;
                    using var frame = ConditionCorpus.Make(condition, renderer, seed + i, identity);
                    bench.Read(frame, identity);
                    all.Read(frame, identity);
                }
            }

            figures[condition] = bench.Figures();
        }

        figures["all"] = all.Figures();
        return (figures, all.Wrong);
    }

    private static double ReferencePassMs(Mat image)
    {
        using var blurred = new Mat();
        var clock = Stopwatch.StartNew();
        Cv2.GaussianBlur(image, blurred, new Size(0, 0), ReferenceSigmaPx);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
