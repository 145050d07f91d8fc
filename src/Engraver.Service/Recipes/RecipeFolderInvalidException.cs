using Engraver.Core.Recipes;

namespace Engraver.Service.Recipes;

/// <summary>The recipes folder was refused at start: one line per problem, each naming the file, line and field.
/// Like a bad setting, a restart fails the same way until the files are fixed.</summary>
public sealed class RecipeFolderInvalidException(string folder, IReadOnlyList<RecipeFileError> errors)
    : Exception($"The recipes in {folder} are refused: {string.Join(" | ", errors)}")
{
    public string Folder { get; } = folder;

    public IReadOnlyList<RecipeFileError> Errors { get; } = errors;

    public IReadOnlyList<string> Problems => [.. Errors.Select(e => e.ToString())];
}

/// <summary>A recipe asks for more than the connected controller allows (its Z travel, its max rate): refused
/// before anything moves, naming each recipe's file, line and field.</summary>
public sealed class RecipeOutOfReachException(IReadOnlyList<string> problems)
    : InvalidOperationException("A recipe asks for more than the controller allows; nothing was moved:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
