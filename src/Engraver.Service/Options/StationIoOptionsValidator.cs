using Microsoft.Extensions.Options;

namespace Engraver.Service.Options;

/// <summary>Checks the I/O map at start: every failure names its configuration key.</summary>
public sealed class StationIoOptionsValidator : IValidateOptions<StationIoOptions>
{
    private const int MaxLine = 1023;
    private const int MaxDebounceMs = 1000;

    public ValidateOptionsResult Validate(string? name, StationIoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var lines = options.Lines().ToList();
        foreach (var (key, line) in lines)
        {
            if (line.Chip is < 0 or > 63)
            {
                failures.Add($"{key}:Chip must be from 0 to 63 (gpiochipN), not {line.Chip}.");
            }

            if (line.Line is < 0 or > MaxLine)
            {
                failures.Add($"{key}:Line must be from 0 to {MaxLine}, not {line.Line}.");
            }

            if (line.DebounceMs is < 0 or > MaxDebounceMs)
            {
                failures.Add($"{key}:DebounceMs must be from 0 to {MaxDebounceMs}, not {line.DebounceMs}.");
            }
        }

        foreach (var shared in lines.GroupBy(l => (l.Line.Chip, l.Line.Line)).Where(g => g.Count() > 1))
        {
            failures.Add($"{string.Join(" and ", shared.Select(s => s.Key))} share gpiochip{shared.Key.Chip} line {shared.Key.Line}; each signal needs its own line.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
