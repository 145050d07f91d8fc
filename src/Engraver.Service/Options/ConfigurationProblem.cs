namespace Engraver.Service.Options;

/// <summary>One bad configuration key: which key, the value it has, what is wrong with it and, where there is a
/// short list or a range, what is allowed. Printed one to a line:
/// <c>Controller:BaudRate = "fast": not a number; allowed 9600..2000000</c>.</summary>
public sealed record ConfigurationProblem(string Key, string? Value, string Problem, string? Allowed = null)
{
    public override string ToString()
    {
        var value = Value is null ? "" : $" = \"{Value}\"";
        var allowed = Allowed is null ? "" : $"; allowed {Allowed}";
        return $"{Key}{value}: {Problem}{allowed}";
    }
}
