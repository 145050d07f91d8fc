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
/// and one from a fast one can be compared. Also tallies right, undecodable and wrong identities. A set of
/// photographs read fused counts as one case, its cost per photograph.</summary>
internal sealed class BenchDecode
{
    private const double ReferenceSigmaPx = 2;

    private readonly List<double> _milliseconds = [];
    private readonly List<double> _blurPasses = [];

    // The last case's outcome, for the all-conditions tally.
    private bool _lastRight;
    private bool _lastWrong;

    public int Cases { get; private set; }

    public int Right { get; private set; }

    public int Undecodable { get; private set; }

    /// <summary>Decoded to an identity that is not the one on the pin: a false accept.</summary>
    public int Wrong { get; private set; }

    public void Read(CameraFrame frame, MicrostampIdentity expected) => ReadSeveral([frame], expected);

    /// <summary>Reads the photographs, each alone and (more than one) fused, and counts what the fusion
    /// read; the cost is per photograph, against one blur of each.</summary>
    public void ReadSeveral(IReadOnlyList<CameraFrame> frames, MicrostampIdentity expected)
    {
        var reference = frames.Sum(f => ReferencePassMs(f.Image));
        var clock = Stopwatch.StartNew();
        var reads = frames.Select(f => GearRingDecoder.Read(f, PinProfile.Default, MarkVerifierOptions.Default)).ToList();
        var result = reads.Count == 1 ? reads[0].Reading.Decoded : RingFusion.Fuse(reads).Decoded;
        var ms = clock.Elapsed.TotalMilliseconds;
        _milliseconds.Add(ms / frames.Count);
        _blurPasses.Add(ms / Math.Max(1e-3, reference));
        Tally(result, expected);
    }

    /// <summary>Counts an outcome measured elsewhere (one bench's reading, shared with the all-conditions tally).</summary>
    public void Add(BenchDecode one)
    {
        _milliseconds.AddRange(one._milliseconds.TakeLast(1));
        _blurPasses.AddRange(one._blurPasses.TakeLast(1));
        Cases++;
        Right += one._lastRight ? 1 : 0;
        Wrong += one._lastWrong ? 1 : 0;
        Undecodable += !one._lastRight && !one._lastWrong ? 1 : 0;
    }

    private void Tally(GearDecodeResult result, MicrostampIdentity expected)
    {
        Cases++;
        _lastRight = result.Identity == expected;
        _lastWrong = result.Identity is not null && result.Identity != expected;
        Right += _lastRight ? 1 : 0;
        Wrong += _lastWrong ? 1 : 0;
        Undecodable += result.Identity is null ? 1 : 0;
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
                    all.Add(bench);
                }
            }

            figures[condition] = bench.Figures();
        }

        // Several photographs read fused: one case is one set of photographs.
        foreach (var condition in ConditionCorpus.FusedConditions)
        {
            var bench = new BenchDecode();
            foreach (var renderer in ConditionCorpus.Renderers)
            {
                for (var i = 0; i < perRenderer; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var identity = i % 2 == 0 ? ConditionCorpus.Identity : ConditionCorpus.LongIdentity;
                    var frames = ConditionCorpus.MakeSeveral(condition, renderer, seed + i, identity);
                    try
                    {
                        bench.ReadSeveral(frames, identity);
                        all.Add(bench);
                    }
                    finally
                    {
                        foreach (var frame in frames)
                        {
                            frame.Dispose();
                        }
                    }
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
