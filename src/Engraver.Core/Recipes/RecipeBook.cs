using System.Security.Cryptography;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Recipes;

/// <summary>One recipe as its file gave it: the recipe, the file's name, the SHA-256 of the file's bytes (which
/// every pin record made with it names) and the line of each property (for later checks that name a line).</summary>
public sealed record RecipeEntry(Recipe Recipe, string File, string Sha256Hex, IReadOnlyDictionary<string, int> Lines)
{
    public int LineOf(string property) => Lines.TryGetValue(property, out var line) ? line : 1;
}

/// <summary>A recipe file's name and bytes, as read from the recipes folder.</summary>
public sealed record RecipeSource(string File, byte[] Bytes);

/// <summary>The recipes a station knows, by name: every file of the recipes folder, each checked on its own
/// (<see cref="RecipeFileParser"/>), and all together (no two with one name, ignoring case, as a file system
/// may). A book is made whole or not at all: one bad file refuses them all, so a station never runs on part of
/// what was commissioned.</summary>
public sealed class RecipeBook
{
    private readonly Dictionary<string, RecipeEntry> _byName;

    private RecipeBook(IReadOnlyList<RecipeEntry> entries)
    {
        Entries = entries;
        _byName = entries.ToDictionary(e => e.Recipe.Name, StringComparer.Ordinal);
    }

    /// <summary>In name order.</summary>
    public IReadOnlyList<RecipeEntry> Entries { get; }

    public IReadOnlySet<string> Names => _byName.Keys.ToHashSet(StringComparer.Ordinal);

    public RecipeEntry? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A book of recipes already checked (tests, a batch run on one recipe).</summary>
    public static RecipeBook Of(params RecipeEntry[] entries) => new([.. entries.OrderBy(e => e.Recipe.Name, StringComparer.Ordinal)]);

    /// <summary>Checks every file of <paramref name="folder"/> and the set of them; the book, or every problem.</summary>
    public static RecipeBookResult Load(string folder, IReadOnlyList<RecipeSource> files, RecipeLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<RecipeFileError>();
        var entries = new List<RecipeEntry>();
        if (files.Count == 0)
        {
            errors.Add(new RecipeFileError(folder, 1, "folder", "holds no recipe file (NAME.json); a station needs at least one recipe (default.json ships with the program)"));
        }

        var seen = new Dictionary<string, RecipeEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.OrderBy(f => f.File, StringComparer.Ordinal))
        {
            var parsed = RecipeFileParser.Parse(file.File, file.Bytes, limits);
            errors.AddRange(parsed.Errors);
            if (parsed.Recipe is not { } recipe)
            {
                continue;
            }

            var entry = new RecipeEntry(recipe, file.File, Sha256Hex(file.Bytes), parsed.Lines);
            if (seen.TryGetValue(recipe.Name, out var first))
            {
                errors.Add(new RecipeFileError(file.File, entry.LineOf("name"), "name",
                    $"'{recipe.Name}' is also the name in {first.File} (line {first.LineOf("name")}); recipe names must differ, ignoring case"));
                continue;
            }

            seen[recipe.Name] = entry;
            entries.Add(entry);
        }

        return errors.Count > 0 ? new RecipeBookResult(null, errors) : new RecipeBookResult(Of([.. entries]), []);
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>The recipes of a folder, or every problem found in it (never both).</summary>
public sealed record RecipeBookResult(RecipeBook? Book, IReadOnlyList<RecipeFileError> Errors);
