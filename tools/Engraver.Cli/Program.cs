using System.CommandLine;
using Engraver.Cli.Commands;

var root = new RootCommand("Engraver: microstamp engraving station control, verification and records.")
{
    DemoCommand.Create(),
    StatechartCommand.Create(),
    StreamCommand.Create(),
    SimCommand.Create(),
    new Command("bench", "Measure the station's parts and print figures.") { BenchStreamingCommand.Create() },
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
