namespace Engraver.Core.Toolpaths;

/// <summary>A range of override percentages, both ends allowed; 100 is the recipe as written.</summary>
public sealed record PercentRange(int Min, int Max)
{
    /// <summary>Only the recipe as written.</summary>
    public static PercentRange None { get; } = new(100, 100);

    public bool Contains(int percent) => percent >= Min && percent <= Max;

    public override string ToString() => $"{Min}..{Max}%";
}

/// <summary>How far an operator may override a recipe's power and feed while it runs. A recipe allows no
/// override unless it says so: a mark made off its recipe must be a choice somebody wrote down.</summary>
public sealed record OverrideLimits(PercentRange Power, PercentRange Feed)
{
    public static OverrideLimits None { get; } = new(PercentRange.None, PercentRange.None);
}
