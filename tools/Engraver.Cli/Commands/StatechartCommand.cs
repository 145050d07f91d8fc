using System.CommandLine;
using Engraver.Core.Station;

namespace Engraver.Cli.Commands;

/// <summary>`engraver statechart --out FILE.dot`: the station state machine as a Graphviz graph.</summary>
internal static class StatechartCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "The DOT file to write.", Required = true };
        var command = new Command("statechart", "Write the station state machine as a Graphviz DOT graph.") { output };
        command.SetAction((result, token) => WriteAsync(result.GetRequiredValue(output), token));
        return command;
    }

    private static async Task<int> WriteAsync(FileInfo output, CancellationToken cancellationToken)
    {
        if (output.Directory is { Exists: false } folder)
        {
            await Console.Error.WriteLineAsync($"statechart: the folder {folder.FullName} does not exist.").ConfigureAwait(false);
            return CliExitCodes.CouldNotRun;
        }

        await File.WriteAllTextAsync(output.FullName, new StationStateMachine().ToDotGraph(), cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"statechart: wrote {output.FullName}");
        return 0;
    }
}
