using Engraver.Core.Recipes;

namespace Engraver.Service.Recipes;

/// <summary>The recipes folder on disk: every NAME.json directly in it is a recipe (other files and sub-folders
/// are not read). Each file is measured before it is read, so a huge file or a device is refused unread.</summary>
public sealed class RecipeFolder(string path)
{
    /// <summary>The recipe file the program ships (recipes/default.json beside it), today's default recipe.</summary>
    /// <summary>The recipe the station makes its folder with, and whose limits hold while no job is queued.</summary>
    public const string DefaultRecipeName = "default";

    public static string ShippedDefault => System.IO.Path.Combine(AppContext.BaseDirectory, "recipes", "default.json");

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Station:RecipesFolder: absolute, or relative to the data folder.</summary>
    public static RecipeFolder For(string dataFolder, string configured) =>
        new(System.IO.Path.IsPathRooted(configured) ? configured : System.IO.Path.Combine(dataFolder, configured));

    /// <summary>Reads and checks every recipe file; the book, or every problem found.</summary>
    public RecipeBookResult Read(RecipeLimits? limits)
    {
        if (!Directory.Exists(Path))
        {
            return new RecipeBookResult(null, [new RecipeFileError(Path, 1, "folder", "does not exist; make it and put the recipe files (NAME.json) in it, or name another with Station:RecipesFolder")]);
        }

        var sources = new List<RecipeSource>();
        var errors = new List<RecipeFileError>();
        foreach (var file in Directory.EnumerateFiles(Path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            try
            {
                var length = new FileInfo(file).Length;
                if (length > RecipeFileParser.MaxFileBytes)
                {
                    errors.Add(new RecipeFileError(file, 1, "file", $"is {length} bytes; a recipe file is at most {RecipeFileParser.MaxFileBytes} bytes"));
                    continue;
                }

                sources.Add(new RecipeSource(file, ReadAtMost(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new RecipeFileError(file, 1, "file", $"cannot be read: {e.Message}"));
            }
        }

        if (errors.Count > 0)
        {
            // The files that could not be read count as recipes the folder holds: the rest is checked all the same.
            return new RecipeBookResult(null, [.. errors, .. sources.Count == 0 ? [] : RecipeBook.Load(Path, sources, limits).Errors]);
        }

        return RecipeBook.Load(Path, sources, limits);
    }

    /// <summary>Makes a folder that is not there with the shipped default recipe in it (a new data folder, a
    /// demo); a folder that is there is left as it is, even empty. True when it was made.</summary>
    public bool MakeWithDefaultIfMissing()
    {
        if (Directory.Exists(Path) || !File.Exists(ShippedDefault))
        {
            return false;
        }

        Directory.CreateDirectory(Path);
        File.Copy(ShippedDefault, System.IO.Path.Combine(Path, "default.json"));
        return true;
    }

    /// <summary>Reads up to one byte past the limit, so a file that grows (or a device) is still refused as too large.</summary>
    private static byte[] ReadAtMost(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[RecipeFileParser.MaxFileBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += n;
        }

        return buffer[..read];
    }
}
