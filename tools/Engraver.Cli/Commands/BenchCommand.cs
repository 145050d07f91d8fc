using System.CommandLine;

namespace Engraver.Cli.Commands;

/// <summary>`engraver bench &lt;what&gt;`: benchmarks that print their figures.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure a part of the station and print the figures.")
    {
        BenchToolpathCommand.Create(),
        BenchAuditCommand.Create(),
        BenchCycleCommand.Create(),
        BenchStreamingCommand.Create(),
        BenchVisionCommand.Create(),
        BenchApiKeysCommand.Create(),
    };
}
