using Engraver.Core.Identity;

namespace Engraver.Core.Jobs;

/// <summary>What a job file is checked against: the identity rules (the font's characters and field
/// lengths), the recipes the station knows, and how many serials one file may hold.</summary>
public sealed record JobFileRules(IdentityValidator Identity, IReadOnlySet<string> KnownRecipes)
{
    /// <summary>Guards against a typing slip such as A0-A99999999 filling the memory.</summary>
    public int MaxSerials { get; init; } = 1_000_000;
}
