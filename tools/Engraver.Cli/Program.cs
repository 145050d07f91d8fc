using System.CommandLine;
using Engraver.Cli.Commands;

var root = new RootCommand("Engraver: microstamp engraving station control, verification and records.")
{
    DemoCommand.Create(),
    StatechartCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
