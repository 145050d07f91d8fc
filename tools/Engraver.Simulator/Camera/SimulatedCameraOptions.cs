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

    public BurnRenderSettings ToRenderSettings() => new()
    {
        WidthPx = WidthPx,
        HeightPx = HeightPx,
        MillimetresPerPixel = MillimetresPerPixel,
        SpotSizeMm = SpotSizeMm,
        NoiseSigma = NoiseSigma,
        FocusBlurSigmaPx = FocusBlurSigmaPx,
        TipDiameterMm = TipDiameterMm,
    };
}
