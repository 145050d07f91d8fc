using System.CommandLine;
using Engraver.Cli.Commands;

var root = new RootCommand("Engraver: microstamp engraving station control, verification and records.")
{
    DemoCommand.Create(),
    PreviewCommand.Create(),
    new Command("bench", "Benchmarks that print their figures.") { BenchToolpathCommand.Create() },
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
