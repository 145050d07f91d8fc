using System.Globalization;
using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Core.Machine;

namespace Engraver.Core.Recipes;

/// <summary>The controller's own limits, known once it is connected: each recipe's focus Z (the tray's focus Z
/// plus the recipe's offset) must lie in the Z travel ($132), and its feed, overrides included, at or below the
/// controller's max rate of X and Y ($110, $111; a feed above it is silently cut to it by GRBL, so the mark
/// would not be burned as the recipe says).</summary>
public static class RecipeReach
{
    /// <summary>One line per problem, naming the recipe's file, line and field; empty when every recipe fits.</summary>
    public static IReadOnlyList<string> Check(RecipeBook book, MachineTravel travel, double focusZMm, double? maxRateMmPerMin)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(travel);
        var problems = new List<string>();
        foreach (var entry in book.Entries)
        {
            var recipe = entry.Recipe;
            var z = focusZMm + recipe.FocusOffsetMm;
            if (travel.Z.Refuse(z) is { } outside)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.File}:{entry.LineOf("focusOffsetMm")}: focusOffsetMm: {recipe.FocusOffsetMm} puts the focus at Fixture:FocusZMm {focusZMm} + {recipe.FocusOffsetMm}: {outside}"));
            }

            var fastest = recipe.FeedMmPerMin * recipe.OverrideLimits.Feed.Max / 100.0;
            if (maxRateMmPerMin is > 0 and var rate && fastest > rate)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.File}:{entry.LineOf("feedMmPerMin")}: feedMmPerMin: {fastest} mm/min{(recipe.OverrideLimits.Feed.Max > 100 ? $" (with the {recipe.OverrideLimits.Feed.Max}% override)" : string.Empty)} is above the controller's max rate of {rate} mm/min ($110, $111)"));
            }
        }

        return problems;
    }

    /// <summary>Each marking location of each recipe, on every slot of <paramref name="tray"/>, under the laser and
    /// under the camera: one line per location out of reach (its first slot that is), naming file, line and location.</summary>
    public static IReadOnlyList<string> CheckLocations(RecipeBook book, MachineTravel travel, TrayFixture tray, Point2 cameraOffset)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(travel);
        ArgumentNullException.ThrowIfNull(tray);
        var problems = new List<string>();
        foreach (var entry in book.Entries)
        {
            for (var i = 0; i < entry.Recipe.Locations.Count; i++)
            {
                var location = entry.Recipe.Locations[i];
                var outside = Enumerable.Range(0, tray.SlotCount)
                    .SelectMany(slot => new[] { (slot, "under the laser", tray.SlotCentre(slot) + location.OffsetMm), (slot, "under the camera", tray.SlotCentre(slot) + location.OffsetMm - cameraOffset) })
                    .Select(p => (p.slot, p.Item2, Refused: travel.Refuse(new Point3(p.Item3, tray.FocusZ))))
                    .FirstOrDefault(p => p.Refused.Count > 0);
                if (outside.Refused is { Count: > 0 } axes)
                {
                    problems.Add($"{entry.File}:{entry.LineOf("locations")}: locations[{i}]: location '{location.Name}' of slot {outside.slot} {outside.Item2}: {string.Join("; ", axes)}");
                }
            }
        }

        return problems;
    }
}
