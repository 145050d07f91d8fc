using System.CommandLine;

namespace Engraver.Cli.Commands;

/// <summary>Refuses a positional value that looks like an option (starts with '-'): the parser would otherwise
/// take a mistyped option as the verb's argument, and `engraver decode --bogus` would look for an image named
/// "--bogus". A value that does start with '-' goes after `--`; "-" alone (standard input) is a value.</summary>
internal static class OptionLikeArguments
{
    public static void RefuseIn(Command command, bool afterDoubleDashAllowed)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (afterDoubleDashAllowed)
        {
            return;
        }

        foreach (var argument in command.Arguments)
        {
            argument.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
                {
                    result.AddError($"Unrecognized option '{token.Value}' (a value that starts with '-' goes after --).");
                }
            });
        }

        foreach (var subcommand in command.Subcommands)
        {
            RefuseIn(subcommand, afterDoubleDashAllowed);
        }
    }
}
