namespace Engraver.Core.Recipes;

/// <summary>One problem with a recipe file, where it is: the file, the 1-based line and the field (a JSON
/// property path such as overrides.powerPercent.max).</summary>
public sealed record RecipeFileError(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}
