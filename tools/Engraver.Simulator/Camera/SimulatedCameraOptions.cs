using Engraver.Core.Geometry;

namespace Engraver.Simulator.Camera;

/// <summary>Settings of the camera twin. The camera sees the machine point
/// <c>MachinePosition + CameraOffsetMm</c> on its optical axis.</summary>
public sealed record SimulatedCameraOptions
{
    public const string SectionName = "Simulator:Camera";

    public int WidthPx { get; init; } = 1024;

    public int HeightPx { get; init; } = 1024;

    public double MillimetresPerPixel { get; init; } = 0.002;

    /// <summary>Where the camera's optical axis is, relative to the laser, in machine mm.</summary>
    public Point2 CameraOffsetMm { get; init; }

    public double SpotSizeMm { get; init; } = 0.012;

    /// <summary>Sensor noise, standard deviation in grey levels.</summary>
    public double NoiseSigma { get; init; } = 3.0;

    public double FocusBlurSigmaPx { get; init; } = 1.0;

    /// <summary>Seed of the noise sequence: the same seed gives the same sequence of frames.</summary>
    public int Seed { get; init; } = 1;

    public double TipDiameterMm { get; init; } = 1.6;

    /// <summary>Machine points where pin tips stand (drawn as discs); empty draws bare metal.</summary>
    public IReadOnlyList<Point2> TipCentresMm { get; init; } = [];

    /// <summary>Largest distance the pin sits from the optical axis in a frame (drawn at random per frame).</summary>
    public double PlacementJitterMm { get; init; }

    /// <summary>Largest turn of the pin in its seat, either way, in degrees (drawn at random per frame; 180 = any).</summary>
    public double RotationJitterDeg { get; init; }

    /// <summary>How the material under the laser answers a burn.</summary>
    public MaterialResponse Material { get; init; } = MaterialResponse.Default;

    /// <summary>Faults every frame shows.</summary>
    public CameraDefects Defects { get; init; } = CameraDefects.None;

    /// <summary>A pose within the jitter limits, drawn from <paramref name="random"/>.</summary>
    public ScenePose DrawPose(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(PlacementJitterMm) || PlacementJitterMm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PlacementJitterMm), PlacementJitterMm, $"{nameof(PlacementJitterMm)} must be zero or above.");
        }

        if (!double.IsFinite(RotationJitterDeg) || RotationJitterDeg is < 0 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(RotationJitterDeg), RotationJitterDeg, $"{nameof(RotationJitterDeg)} must be from 0 to 180 degrees.");
        }

        var distance = PlacementJitterMm * Math.Sqrt(random.NextDouble());
        var direction = random.NextDouble() * 2 * Math.PI;
        var turn = RotationJitterDeg * ((2 * random.NextDouble()) - 1);
        return new ScenePose(new Point2(distance * Math.Cos(direction), distance * Math.Sin(direction)), turn);
    }

    public BurnRenderSettings ToRenderSettings() => new()
    {
        WidthPx = WidthPx,
        HeightPx = HeightPx,
        MillimetresPerPixel = MillimetresPerPixel,
        SpotSizeMm = SpotSizeMm,
        NoiseSigma = NoiseSigma,
        FocusBlurSigmaPx = FocusBlurSigmaPx,
        TipDiameterMm = TipDiameterMm,
        Material = Material,
    };
}
