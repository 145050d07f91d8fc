using System.CommandLine;
using Engraver.Cli.Commands;

var bench = BenchCycleCommand.Create();
bench.Subcommands.Add(BenchStreamingCommand.Create());
var root = new RootCommand("Engraver: microstamp engraving station control, verification and records.")
{
    DemoCommand.Create(),
    StatechartCommand.Create(),
    StreamCommand.Create(),
    SimCommand.Create(),
    bench,
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
