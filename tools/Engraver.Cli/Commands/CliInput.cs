using System.CommandLine;
using Engraver.Core.Input;

namespace Engraver.Cli.Commands;

/// <summary>Puts the door's free-text check on an option or argument: a value that is not printable text within
/// its field's length is refused by the parser, naming the option, before the verb runs.</summary>
internal static class CliInput
{
    public static Option<T> Checked<T>(this Option<T> option, TextField kind)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<T>() is string value && FreeText.Problem(value, kind) is { } problem)
            {
                r.AddError($"{option.Name} {problem}.");
            }
        });
        return option;
    }

    public static Argument<T> Checked<T>(this Argument<T> argument, TextField kind)
    {
        argument.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<T>() is string value && FreeText.Problem(value, kind) is { } problem)
            {
                r.AddError($"{argument.Name} {problem}.");
            }
        });
        return argument;
    }
}
