using Engraver.Core.Firmware;

namespace Engraver.Core.Recipes;

/// <summary>What the firmware profile allows a recipe: the S range its power maps onto and, when the profile
/// names one, the highest feed. The controller's own limits (its travel, its max rates) are known only once it
/// is connected: <see cref="RecipeReach"/> checks those.</summary>
public sealed record RecipeLimits(string Firmware, LaserCommands Laser, double? MaxFeedMmPerMin)
{
    public static RecipeLimits From(FirmwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.Name, profile.Laser, profile.MaxFeedMmPerMin);
    }
}
