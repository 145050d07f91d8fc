using System.ComponentModel.DataAnnotations;
using Engraver.Core.Toolpaths;

namespace Engraver.Service.Options;

/// <summary>The default burn recipe.</summary>
public sealed class RecipeOptions
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

    public Recipe ToRecipe() => new(Name, PowerFraction, FeedMmPerMin, Passes);
}
