namespace Engraver.Core.Toolpaths;

/// <summary>How a marking is burned: laser power as a fraction of the profile's maximum, feed and passes, the
/// laser mode, and how far from the tray's focus plane the laser is focused.</summary>
public sealed record Recipe(string Name, double PowerFraction, double FeedMmPerMin, int Passes)
{
    /// <summary>How far power and feed may be overridden while the recipe runs.</summary>
    public OverrideLimits OverrideLimits { get; init; } = OverrideLimits.None;

    /// <summary>Dynamic (M4) or constant (M3) power.</summary>
    public LaserMode LaserMode { get; init; } = LaserMode.Dynamic;

    /// <summary>Added to the tray's focus Z while this recipe burns (positive: the laser's focus above the tip
    /// plane, in machine coordinates); the camera still looks at the tip plane.</summary>
    public double FocusOffsetMm { get; init; }

    /// <summary>What the recipe is for ("17-4 PH stainless, H900"); empty when it does not say.</summary>
    public string Material { get; init; } = string.Empty;

    /// <summary>The places on the pin this recipe marks, each burned and verified on its own; empty: the tip only
    /// (<see cref="Recipes.MarkingLocation.Tip"/>), as a recipe without locations always did.</summary>
    public IReadOnlyList<Recipes.MarkingLocation> Locations { get; init; } = [];

    public bool Equals(Recipe? other) =>
        other is not null && Name == other.Name && PowerFraction.Equals(other.PowerFraction) && FeedMmPerMin.Equals(other.FeedMmPerMin)
        && Passes == other.Passes && OverrideLimits == other.OverrideLimits && LaserMode == other.LaserMode
        && FocusOffsetMm.Equals(other.FocusOffsetMm) && Material == other.Material && Locations.SequenceEqual(other.Locations);

    public override int GetHashCode() => HashCode.Combine(Name, PowerFraction, FeedMmPerMin, Passes);

    public static Recipe Default { get; } = new("default", 0.8, 600, 1);
}
