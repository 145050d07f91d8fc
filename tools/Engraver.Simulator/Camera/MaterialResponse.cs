namespace Engraver.Simulator.Camera;

/// <summary>How the material under the laser answers a burn, in the camera twin. A burn segment's energy per
/// length is its power fraction times <see cref="ReferenceFeedMmPerMin"/> over its feed (1.0 is full power at
/// the reference feed). At or below <see cref="ThresholdEnergy"/> nothing shows. Above it the line's width
/// grows as a Gaussian beam's ablated width does (the square root of the log of energy over threshold),
/// reaching one spot at <see cref="NominalEnergy"/>, and its contrast rises and saturates at a rate
/// <see cref="SaturationRate"/>. Beyond <see cref="OverburnEnergy"/> the metal over-burns: the line spreads
/// (<see cref="SpreadRate"/> more width per unit of excess), a dark halo floods around it
/// (<see cref="HaloDarkness"/>, three lines wide) and the molten core loses contrast. The defaults are the
/// twin's stainless steel: the default recipe (0.8 power at 600 mm/min) burns a line one spot wide, and nothing
/// over-burns unless an over-burn energy is given (the twin's laser, and the firmware's executed motion it may
/// photograph, slow down at corners with the power held: an over-burn there would be a material's choice, not the default).</summary>
public sealed record MaterialResponse
{
    public static MaterialResponse Default { get; } = new();

    /// <summary>The feed at which the energy equals the power fraction, mm/min.</summary>
    public double ReferenceFeedMmPerMin { get; init; } = 600;

    /// <summary>Energy at or below which the burn leaves no mark.</summary>
    public double ThresholdEnergy { get; init; } = 0.08;

    /// <summary>Energy whose line is exactly one spot wide.</summary>
    public double NominalEnergy { get; init; } = 0.8;

    /// <summary>How fast the contrast saturates with energy: depth 1 - exp(-rate x energy).</summary>
    public double SaturationRate { get; init; } = 2.5;

    /// <summary>Energy above which the line over-burns (spreads, halo, melt); null: it never does.</summary>
    public double? OverburnEnergy { get; init; }

    /// <summary>Extra line width, in lines, per unit of excess energy over <see cref="OverburnEnergy"/> (relative).</summary>
    public double SpreadRate { get; init; } = 1.0;

    /// <summary>Depth (0..1) of the halo around an over-burned line at full excess (twice the over-burn energy).</summary>
    public double HaloDarkness { get; init; } = 0.45;

    /// <summary>Width of the halo, in line widths.</summary>
    public const double HaloWidthLines = 3.0;

    /// <summary>Share of the core's depth a fully over-burned line loses to melting.</summary>
    public const double MeltLoss = 0.35;

    /// <summary>The energy per length a burn at <paramref name="powerFraction"/> and <paramref name="feedMmPerMin"/> puts in.</summary>
    public double EnergyOf(double powerFraction, double feedMmPerMin) =>
        Math.Clamp(powerFraction, 0, 1) * ReferenceFeedMmPerMin / Math.Max(1, feedMmPerMin);

    /// <summary>What a burn of <paramref name="energy"/> leaves, its width in spots; null when nothing shows.</summary>
    public BurnMark? MarkOf(double energy)
    {
        if (!(energy > ThresholdEnergy))
        {
            return null;
        }

        var widthSpots = Math.Sqrt(Math.Log(energy / ThresholdEnergy) / Math.Log(NominalEnergy / ThresholdEnergy));
        var depth = 1 - Math.Exp(-SaturationRate * energy);
        if (OverburnEnergy is not { } overburn || energy <= overburn)
        {
            return new BurnMark(widthSpots, depth, 0);
        }

        var excess = Math.Min(1, (energy / overburn) - 1);
        return new BurnMark(widthSpots * (1 + (SpreadRate * excess)), depth * (1 - (MeltLoss * excess)), HaloDarkness * excess);
    }

    /// <summary>Throws when a value cannot describe a material, naming the setting.</summary>
    public void Validate()
    {
        RequirePositive(ReferenceFeedMmPerMin, nameof(ReferenceFeedMmPerMin));
        RequirePositive(ThresholdEnergy, nameof(ThresholdEnergy));
        RequirePositive(SaturationRate, nameof(SaturationRate));
        RequireNonNegative(SpreadRate, nameof(SpreadRate));
        if (!double.IsFinite(NominalEnergy) || NominalEnergy <= ThresholdEnergy)
        {
            throw new ArgumentOutOfRangeException(nameof(NominalEnergy), NominalEnergy, $"{nameof(NominalEnergy)} must be above {nameof(ThresholdEnergy)} ({ThresholdEnergy}).");
        }

        if (OverburnEnergy is { } overburn && (!double.IsFinite(overburn) || overburn <= ThresholdEnergy))
        {
            throw new ArgumentOutOfRangeException(nameof(OverburnEnergy), overburn, $"{nameof(OverburnEnergy)} must be above {nameof(ThresholdEnergy)} ({ThresholdEnergy}).");
        }

        if (!double.IsFinite(HaloDarkness) || HaloDarkness is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HaloDarkness), HaloDarkness, $"{nameof(HaloDarkness)} must be from 0 to 1.");
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

/// <summary>The mark one burn leaves: its width in laser spots, its depth (0..1 of the full contrast) and the
/// depth of the over-burn halo around it (0 for none).</summary>
public readonly record struct BurnMark(double WidthSpots, double Depth, double HaloDepth);
