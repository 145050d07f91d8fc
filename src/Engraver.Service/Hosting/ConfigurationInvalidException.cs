namespace Engraver.Service.Hosting;

/// <summary>The configuration was refused before the service started: one line per bad key or section.</summary>
public sealed class ConfigurationInvalidException(IReadOnlyList<string> problems)
    : Exception($"The configuration is invalid: {string.Join(" | ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
