namespace Engraver.Core.Identity;

/// <summary>An identity refused before anything reaches the laser; <see cref="Problems"/> lists every reason.</summary>
public sealed class InvalidIdentityException : Exception
{
    private const int ProblemsInMessage = 10;

    public InvalidIdentityException(IReadOnlyList<IdentityProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<IdentityProblem> Problems { get; }

    private static string Describe(IReadOnlyList<IdentityProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var shown = string.Join("; ", problems.Take(ProblemsInMessage).Select(p => p.Message));
        var more = problems.Count > ProblemsInMessage ? $"; and {problems.Count - ProblemsInMessage} more" : string.Empty;
        return $"The identity cannot be engraved: {shown}{more}.";
    }
}
