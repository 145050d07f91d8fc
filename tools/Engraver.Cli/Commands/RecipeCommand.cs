using System.CommandLine;
using System.Globalization;
using Engraver.Core.Recipes;
using Engraver.Core.Toolpaths;
using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Engraver.Service.Recipes;
using Engraver.Service.Station;
using Engraver.Traceability.Audit;
using Microsoft.Extensions.Configuration;

namespace Engraver.Cli.Commands;

/// <summary>`engraver recipe check|list`: the recipes folder checked as the service checks it at start (the same
/// lines, file, line and field), and the recipes it holds.</summary>
internal static class RecipeCommand
{
    public static Command Create() => new("recipe", "Check the recipe files and list the recipes the station would load.")
    {
        Check(),
        List(),
    };

    private static Command Check()
    {
        var folder = new Argument<DirectoryInfo?>("FOLDER") { Description = "A recipes folder (default: Station:RecipesFolder, recipes/ in the data folder).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("check", "Check every recipe file as the service does at start; one line per problem, naming file, line and field.") { folder };
        command.SetAction(result =>
        {
            var (read, where) = Read(result.GetValue(folder));
            if (read is null)
            {
                return CliExitCodes.CouldNotRun;
            }

            foreach (var error in read.Errors)
            {
                Console.Error.WriteLine(TerminalText.Escape(error.ToString()));
            }

            if (read.Book is not { } book)
            {
                Console.Error.WriteLine($"recipe check: {read.Errors.Count} problem(s) in {where}; the service would not start with them.");
                return CliExitCodes.CheckFailed;
            }

            Console.WriteLine($"recipe check: {book.Entries.Count} recipe(s) in {where}, all good: {string.Join(", ", book.Entries.Select(e => e.Recipe.Name))}");
            return CliExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var folder = new Argument<DirectoryInfo?>("FOLDER") { Description = "A recipes folder (default: Station:RecipesFolder).", Arity = ArgumentArity.ZeroOrOne };
        var format = Listing.FormatOption();
        var command = new Command("list", "List the recipes: name, material, laser mode, power, feed, passes, focus offset, overrides, locations, file and SHA-256.") { folder, format };
        command.SetAction(result =>
        {
            var (read, where) = Read(result.GetValue(folder));
            if (read is null)
            {
                return CliExitCodes.CouldNotRun;
            }

            if (read.Book is not { } book)
            {
                foreach (var error in read.Errors)
                {
                    Console.Error.WriteLine(TerminalText.Escape(error.ToString()));
                }

                Console.Error.WriteLine($"recipe list: {read.Errors.Count} problem(s) in {where}; `engraver recipe check` lists them.");
                return CliExitCodes.CheckFailed;
            }

            var listing = new Listing([
                new("name", "name"), new("material", "material"), new("laser mode", "laserMode"), new("power", "powerFraction"),
                new("feed mm/min", "feedMmPerMin"), new("passes", "passes"), new("focus offset mm", "focusOffsetMm"),
                new("power override %", "powerPercent"), new("feed override %", "feedPercent"), new("locations", "locations"),
                new("file", "file"), new("sha256", "sha256"),
            ]);
            foreach (var entry in book.Entries)
            {
                var recipe = entry.Recipe;
                listing.Add(recipe.Name, recipe.Material, recipe.LaserMode == LaserMode.Constant ? "constant" : "dynamic",
                    Number(recipe.PowerFraction), Number(recipe.FeedMmPerMin), Number(recipe.Passes), Number(recipe.FocusOffsetMm),
                    Range(recipe.OverrideLimits.Power), Range(recipe.OverrideLimits.Feed), Locations(recipe), entry.File, entry.Sha256Hex);
            }

            Listing.UnwrapWhenPiped();
            listing.Write(result.GetValue(format), Console.Out);
            return CliExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The recipes of <paramref name="folder"/> (default: the station's), checked against the station's
    /// firmware profile; null (and a line said) when there is no such folder or profile.</summary>
    private static (RecipeBookResult? Read, string Where) Read(DirectoryInfo? folder)
    {
        try
        {
            var configuration = EngraverHost.CreateBuilder([]).Configuration;
            var station = configuration.GetSection(StationOptions.Section).Get<StationOptions>() ?? new StationOptions();
            var limits = RecipeLimits.From(FirmwareOf(station));
            if (folder is not null)
            {
                if (!folder.Exists)
                {
                    Console.Error.WriteLine($"recipe: there is no folder {folder.FullName}");
                    return (null, folder.FullName);
                }

                return (new RecipeFolder(folder.FullName).Read(limits), folder.FullName);
            }

            var configured = StationFolder(configuration, station);
            var read = StationRecipes.ReadAsTheServiceWould(configured, limits, out var missing);
            if (missing)
            {
                Console.Error.WriteLine($"recipe: {configured.Path} does not exist yet; the service makes it with the program's default.json at its next start, which is what is read here");
            }

            return (read, configured.Path);
        }
        catch (Exception e) when (e is StationConfigurationException or Core.Firmware.FirmwareProfileException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"recipe: {e.Message}");
            return (null, string.Empty);
        }
    }

    /// <summary>The station's recipe names as the service would load them, for `job submit`; null (and every problem
    /// said on standard error) when the folder would stop the service.</summary>
    public static IReadOnlySet<string>? StationRecipeNames()
    {
        var (read, where) = Read(null);
        if (read?.Book is { } book)
        {
            return book.Names;
        }

        foreach (var error in read?.Errors ?? [])
        {
            Console.Error.WriteLine(TerminalText.Escape(error.ToString()));
        }

        Console.Error.WriteLine($"The recipes in {where} are refused (as the service would refuse them at start); fix them first (`engraver recipe check`).");
        return null;
    }

    private static RecipeFolder StationFolder(IConfiguration configuration, StationOptions station) =>
        RecipeFolder.For(DataFolderLocation.ForThisProcess(configuration[DataFolderLocation.Key]), station.RecipesFolder);

    private static Core.Firmware.FirmwareProfile FirmwareOf(StationOptions station) => new StationRigFactory(
        Microsoft.Extensions.Options.Options.Create(station),
        Microsoft.Extensions.Options.Options.Create(new ControllerOptions()),
        Microsoft.Extensions.Options.Options.Create(new CameraOptions()),
        Microsoft.Extensions.Options.Options.Create(new FixtureOptions())).LoadFirmwareProfile();

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>"tip (0, 0), flat (0, 3.5) 90°": each location and where; "tip" for a recipe that lists none.</summary>
    private static string Locations(Recipe recipe) => recipe.Locations.Count == 0
        ? "tip"
        : string.Join(", ", recipe.Locations.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} ({Number(l.OffsetMm.X)}, {Number(l.OffsetMm.Y)}){(l.RotationDeg == 0 ? string.Empty : $" {Number(l.RotationDeg)}deg")}")));

    private static string Range(PercentRange range) => range == PercentRange.None ? "none" : $"{range.Min}..{range.Max}";
}
