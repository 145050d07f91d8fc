using System.CommandLine;
using System.CommandLine.Invocation;
using Engraver.Cli.Commands;

var root = new RootCommand("Engraver: microstamp engraving station control, verification and records.")
{
    DemoCommand.Create(),
    PreviewCommand.Create(),
    DecodeCommand.Create(),
    StreamCommand.Create(),
    SimCommand.Create(),
    StatechartCommand.Create(),
    JobCommand.Create(),
    RecipeCommand.Create(),
    StationCommand.Create(),
    AuditCommand.Create(),
    BenchCommand.Create(),
    ApiCommand.Create(),
    CameraCommand.Create(),
    QaCommand.Create(),
    CalibrateCommand.Create(),
    TestGridCommand.Create(),
};

// After "--" every token is a value, one that starts with '-' too.
OptionLikeArguments.RefuseIn(root, afterDoubleDashAllowed: args.Contains("--"));
var parsed = root.Parse(args);
if (parsed.Action is ParseErrorAction)
{
    return ParseErrorReport.Write(parsed, Console.Error);
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    // Stopped with Ctrl+C (or SIGTERM) before the verb finished: the shell's code for an interrupt.
    return 130;
}
catch (Exception failure)
{
    // A failure no verb expected: one line naming the verb, not a stack trace; the verb could not run.
    await Console.Error.WriteLineAsync($"{ParseErrorReport.VerbOf(parsed.CommandResult)}: failed: {failure.GetType().Name}: {failure.Message}").ConfigureAwait(false);
    return CliExitCodes.CouldNotRun;
}
