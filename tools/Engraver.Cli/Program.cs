using System.CommandLine;
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
    StationCommand.Create(),
    AuditCommand.Create(),
    BenchCommand.Create(),
    ApiCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
