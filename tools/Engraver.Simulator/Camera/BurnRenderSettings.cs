namespace Engraver.Simulator.Camera;

/// <summary>How the camera twin turns a burn log into an image: sensor size, scale, the laser's spot
/// and the imperfections of a real camera (focus blur, sensor noise).</summary>
public sealed record BurnRenderSettings
{
    public int WidthPx { get; init; } = 1024;

    public int HeightPx { get; init; } = 1024;

    /// <summary>Scale at the object: 0.002 mm per pixel puts a 1.6 mm tip across 800 pixels.</summary>
    public double MillimetresPerPixel { get; init; } = 0.002;

    /// <summary>Diameter of the burned line, the width of every mark.</summary>
    public double SpotSizeMm { get; init; } = 0.012;

    /// <summary>Standard deviation of the sensor noise, in grey levels.</summary>
    public double NoiseSigma { get; init; } = 3.0;

    /// <summary>Standard deviation of the focus blur, in pixels; 0 renders a perfectly sharp image.</summary>
    public double FocusBlurSigmaPx { get; init; } = 1.0;

    /// <summary>Diameter of the pin tip drawn around each tip centre.</summary>
    public double TipDiameterMm { get; init; } = 1.6;

    /// <summary>How the material answers a burn's energy: threshold, contrast, width, over-burn.</summary>
    public MaterialResponse Material { get; init; } = MaterialResponse.Default;

    /// <summary>Throws when a value cannot describe a camera, naming the setting.</summary>
    public void Validate()
    {
        RequireRange(WidthPx, 16, 8192, nameof(WidthPx));
        RequireRange(HeightPx, 16, 8192, nameof(HeightPx));
        RequirePositive(MillimetresPerPixel, nameof(MillimetresPerPixel));
        RequirePositive(SpotSizeMm, nameof(SpotSizeMm));
        RequirePositive(TipDiameterMm, nameof(TipDiameterMm));
        RequireNonNegative(NoiseSigma, nameof(NoiseSigma));
        RequireNonNegative(FocusBlurSigmaPx, nameof(FocusBlurSigmaPx));
        ArgumentNullException.ThrowIfNull(Material, nameof(Material));
        Material.Validate();
    }

    private static void RequireRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max} pixels.");
        }
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number above zero.");
        }
    }

    private static void RequireNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, zero or above.");
        }
    }
}
