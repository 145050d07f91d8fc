using Engraver.Core.Recipes;
using Engraver.Service.Hosting;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Recipes;

/// <summary>The station's recipes, read once, at start, from the recipes folder and checked against the firmware
/// profile. A file changed while the service runs is not read again: the book (and every record's recipe hash)
/// stays what was loaded at start until the service is restarted, so a pin is never burned from a file that
/// changed under a running job.</summary>
public sealed partial class StationRecipes(IOptions<StationOptions> station, StationRigFactory rigs, ILogger<StationRecipes> logger)
{
    private readonly Lazy<RecipeBook> _book = new(() => Load(station.Value, rigs, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Station:RecipesFolder, resolved against the data folder.</summary>
    public RecipeFolder Folder => RecipeFolder.For(rigs.DataFolder, station.Value.RecipesFolder);

    /// <summary>The recipes; the first call reads them (throws <see cref="RecipeFolderInvalidException"/> when any
    /// file is refused).</summary>
    public RecipeBook Book => _book.Value;

    /// <summary>For the command line: reads <paramref name="folder"/> as the service would, without making it. A
    /// folder that is not there reads as the program's default recipe alone, which the service makes it with at
    /// its next start (<paramref name="missing"/> then says so).</summary>
    public static RecipeBookResult ReadAsTheServiceWould(RecipeFolder folder, RecipeLimits? limits, out bool missing)
    {
        ArgumentNullException.ThrowIfNull(folder);
        missing = !Directory.Exists(folder.Path) && File.Exists(RecipeFolder.ShippedDefault);
        return missing
            ? RecipeBook.Load(folder.Path, [new RecipeSource(RecipeFolder.ShippedDefault, File.ReadAllBytes(RecipeFolder.ShippedDefault))], limits)
            : folder.Read(limits);
    }

    private static RecipeBook Load(StationOptions options, StationRigFactory rigs, ILogger logger)
    {
        var folder = RecipeFolder.For(rigs.DataFolder, options.RecipesFolder);
        try
        {
            if (folder.MakeWithDefaultIfMissing())
            {
                LogMadeFolder(logger, folder.Path, RecipeFolder.ShippedDefault);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Under the data folder, a folder that cannot be made is the data folder's fault, as the records' would be.
            throw Path.IsPathRooted(options.RecipesFolder)
                ? new StationConfigurationException($"Station:RecipesFolder {folder.Path} cannot be made: {e.Message}")
                : new RecordStoreUnavailableException($"The record store cannot be opened (Station:DataFolder {rigs.DataFolder}): its recipes folder {folder.Path} cannot be made: {e.Message}", e);
        }

        var result = folder.Read(RecipeLimits.From(rigs.LoadFirmwareProfile()));
        if (result.Book is not { } book)
        {
            throw new RecipeFolderInvalidException(folder.Path, result.Errors);
        }

        LogLoaded(logger, book.Entries.Count, folder.Path, string.Join(", ", book.Entries.Select(e => $"{e.Recipe.Name} ({e.Sha256Hex[..12]})")));
        return book;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recipes folder {Folder} did not exist: made it with the program's {Default}")]
    private static partial void LogMadeFolder(ILogger logger, string folder, string @default);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} recipe(s) from {Folder}, read once at start (a changed file is read at the next start): {Recipes}")]
    private static partial void LogLoaded(ILogger logger, int count, string folder, string recipes);
}
