using System.CommandLine;
using Engraver.Cli.Commands;

var root = new RootCommand("Engraver: microstamp engraving station control, verification and records.")
{
    DemoCommand.Create(),
    AuditCommand.Create(),
    new Command("bench", "Measure parts of the station software.") { BenchAuditCommand.Create() },
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
