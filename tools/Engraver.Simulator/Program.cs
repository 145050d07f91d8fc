using System.Globalization;
using System.Runtime.InteropServices;
using Engraver.Simulator.Grbl;

// engraver-sim [--time-scale S] [--link PATH]: a GRBL 1.1h laser controller on a pseudo-terminal until Ctrl+C
// or SIGTERM; with --link the pseudo-terminal is also named by a symbolic link at PATH (removed on exit), so
// a client can be pointed at one path that survives this program being stopped and started again.
var options = new SimulatorOptions();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--time-scale" && i + 1 < args.Length
        && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale >= 0)
    {
        options = options with { TimeScale = scale };
        i++;
    }
    else if (args[i] == "--link" && i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]))
    {
        options = options with { LinkPath = Path.GetFullPath(args[i + 1]) };
        i++;
    }
    else
    {
        await Console.Error.WriteLineAsync($"engraver-sim: unknown or invalid argument '{args[i]}'. Usage: engraver-sim [--time-scale SECONDS_PER_SECOND] [--link PATH]");
        return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var simulator = GrblSimulator.Start(options);
Console.WriteLine(simulator.LinkPath is { } link ? $"pty: {simulator.PortPath} (linked at {link})" : $"pty: {simulator.PortPath}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: dispose the simulator, which closes the pty.
}

Console.WriteLine($"stopped; G-code lines since last reset: {simulator.LinesReceived}, receive overruns: {simulator.RxOverruns}");
return 0;
