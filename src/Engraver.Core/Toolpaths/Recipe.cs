namespace Engraver.Core.Toolpaths;

/// <summary>How a marking is burned: laser power as a fraction of the profile's maximum, feed and passes.</summary>
public sealed record Recipe(string Name, double PowerFraction, double FeedMmPerMin, int Passes)
{
    /// <summary>How far power and feed may be overridden while the recipe runs.</summary>
    public OverrideLimits OverrideLimits { get; init; } = OverrideLimits.None;

    public static Recipe Default { get; } = new("default", 0.8, 600, 1);
}
