using Engraver.Core.Firmware;
using Engraver.Core.Fixture;
using Engraver.Core.Geometry;
using Engraver.Core.Layout;
using Engraver.Core.Machine;
using Engraver.Core.Recipes;
using Engraver.Service.Recipes;

namespace Engraver.Service.Station;

/// <summary>One <see cref="MarkPlan"/> per recipe the station knows: a pin is burned with its job's recipe. A
/// batch given in code names no recipe and runs on <see cref="Default"/> (the recipe named default when there is
/// one, else the first).</summary>
public sealed class MarkPlans
{
    private readonly Dictionary<string, MarkPlan> _plans;

    private MarkPlans(RecipeBook book, IEnumerable<MarkPlan> plans)
    {
        Book = book;
        _plans = plans.ToDictionary(p => p.Recipe.Name, StringComparer.Ordinal);
        Default = _plans.GetValueOrDefault("default") ?? _plans[book.Entries[0].Recipe.Name];
    }

    public RecipeBook Book { get; }

    public MarkPlan Default { get; }

    public IReadOnlySet<string> Names => Book.Names;

    /// <summary>The plans of every recipe of <paramref name="book"/>, each with its file's hash.</summary>
    public static MarkPlans From(RecipeBook book, PinProfile pin, FirmwareProfile firmware)
    {
        ArgumentNullException.ThrowIfNull(book);
        return new(book, book.Entries.Select(e => new MarkPlan(pin, e.Recipe, firmware, e.Sha256Hex)));
    }

    /// <summary>One plan only (a batch in code, the bench, tests).</summary>
    public static MarkPlans Of(MarkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(RecipeBook.Of(new RecipeEntry(plan.Recipe, "(" + plan.Recipe.Name + ")", plan.RecipeSha256 ?? string.Empty, new Dictionary<string, int>())), [plan]);
    }

    public bool Knows(string? recipe) => recipe is null || _plans.ContainsKey(recipe);

    /// <summary>The plan of <paramref name="recipe"/> (null: <see cref="Default"/>).</summary>
    public MarkPlan For(string? recipe) => recipe is null ? Default
        : _plans.TryGetValue(recipe, out var plan) ? plan
        : throw new KeyNotFoundException($"The station has no recipe '{recipe}' (it knows {string.Join(", ", Book.Names.Order(StringComparer.Ordinal))}).");

    /// <summary>Refuses recipes that ask for more than the controller allows (focus Z out of travel, a feed above
    /// its max rate, a marking location the tray puts out of reach), before anything moves.</summary>
    public void RefuseOutOfReach(MachineTravel travel, TrayFixture tray, Point2 cameraOffset, double? maxRateMmPerMin)
    {
        ArgumentNullException.ThrowIfNull(tray);
        if (RecipeReach.Check(Book, travel, tray.FocusZ, maxRateMmPerMin).Concat(RecipeReach.CheckLocations(Book, travel, tray, cameraOffset)).ToList() is { Count: > 0 } problems)
        {
            throw new RecipeOutOfReachException(problems);
        }
    }
}
