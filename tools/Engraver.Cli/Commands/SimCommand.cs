using System.CommandLine;
using Engraver.Simulator.Grbl;

namespace Engraver.Cli.Commands;

/// <summary>`engraver sim [--baud 115200]`: the GRBL twin on a pseudo-terminal until Ctrl+C.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var baud = new Option<int>("--baud") { Description = "Emulated baud rate; 0 moves bytes as fast as the pty does.", DefaultValueFactory = _ => 115200 };
        var timeScale = new Option<double>("--time-scale") { Description = "Wall-clock seconds per second of motion (1 = real time, 0 = instant).", DefaultValueFactory = _ => 1.0 };
        var command = new Command("sim", "Start the GRBL 1.1 twin on a pseudo-terminal and print its path; runs until Ctrl+C.") { baud, timeScale };
        command.SetAction((result, token) => RunAsync(new SimulatorOptions { BaudRate = result.GetValue(baud), TimeScale = result.GetValue(timeScale) }, token));
        return command;
    }

    private static async Task<int> RunAsync(SimulatorOptions options, CancellationToken cancellationToken)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            await Console.Error.WriteLineAsync($"sim: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        await using var simulator = GrblSimulator.Start(options);
        Console.WriteLine($"pty: {simulator.PortPath}");
        Console.WriteLine($"baud: {(options.BaudRate == 0 ? "unlimited" : options.BaudRate)}, time scale: {options.TimeScale}. Ctrl+C stops.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: disposing the simulator closes the pty.
        }

        Console.WriteLine($"stopped; G-code lines since last reset: {simulator.LinesReceived}, receive overruns: {simulator.RxOverruns}");
        return 0;
    }
}
