using System.ComponentModel.DataAnnotations;
using Engraver.Core.Toolpaths;

namespace Engraver.Service.Options;

/// <summary>The default burn recipe.</summary>
public sealed class RecipeOptions : IValidatableObject
{
    public const string Section = "Recipe";

    [Required]
    public string Name { get; set; } = "default";

    [Range(0.01, 1.0)]
    public double PowerFraction { get; set; } = 0.8;

    [Range(1.0, 20000.0)]
    public double FeedMmPerMin { get; set; } = 600;

    [Range(1, 10)]
    public int Passes { get; set; } = 1;

    /// <summary>Optional override limits in percent (Recipe:OverridePowerMinPercent ... OverrideFeedMaxPercent); a
    /// bound not given is 100, so a recipe with none allows no override.</summary>
    [Range(10, 200)]
    public int? OverridePowerMinPercent { get; set; }

    [Range(10, 200)]
    public int? OverridePowerMaxPercent { get; set; }

    [Range(10, 200)]
    public int? OverrideFeedMinPercent { get; set; }

    [Range(10, 200)]
    public int? OverrideFeedMaxPercent { get; set; }

    public Recipe ToRecipe() => new(Name, PowerFraction, FeedMmPerMin, Passes)
    {
        OverrideLimits = new OverrideLimits(
            new PercentRange(OverridePowerMinPercent ?? 100, OverridePowerMaxPercent ?? 100),
            new PercentRange(OverrideFeedMinPercent ?? 100, OverrideFeedMaxPercent ?? 100)),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (kind, min, max) in new[] { ("Power", OverridePowerMinPercent, OverridePowerMaxPercent), ("Feed", OverrideFeedMinPercent, OverrideFeedMaxPercent) })
        {
            if ((min ?? 100) > 100 || (max ?? 100) < 100)
            {
                yield return new ValidationResult(
                    $"Recipe:Override{kind}MinPercent ({min ?? 100}) must be at most 100 and Recipe:Override{kind}MaxPercent ({max ?? 100}) at least 100: the recipe as written is always allowed.",
                    [$"Override{kind}MinPercent", $"Override{kind}MaxPercent"]);
            }
        }
    }
}
