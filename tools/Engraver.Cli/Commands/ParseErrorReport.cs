using System.CommandLine;
using System.CommandLine.Parsing;

namespace Engraver.Cli.Commands;

/// <summary>A command line the parser refused, told in one line (every problem, "; " between them) and where to
/// read more, instead of the whole help: <c>engraver audit show: Required argument 'serial' missing for command: 'show'.</c> then
/// <c>see `engraver audit show --help`</c>. Exit code 2, as for any verb that could not run.</summary>
internal static class ParseErrorReport
{
    public static int Write(ParseResult parsed, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(error);
        var verb = VerbOf(parsed.CommandResult);
        // Every problem on the one line: a script's log keeps it together, and nothing is fixed one run at a time.
        var messages = parsed.Errors.Select(e => OneLine(e.Message).TrimEnd('.')).Distinct(StringComparer.Ordinal);
        error.WriteLine($"{verb}: {string.Join("; ", messages)}.");

        error.WriteLine($"see `{verb} --help`");
        return CliExitCodes.CouldNotRun;
    }

    /// <summary>The command as typed, from the program's name down to the verb the error is in.</summary>
    public static string VerbOf(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var c })
            {
                names.Add(c is RootCommand ? "engraver" : c.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
