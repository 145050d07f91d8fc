using Engraver.Hardware.Gpio;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Options;

/// <summary>Checks the I/O map against the board at start: every failure names its configuration key and
/// the value, e.g. "StationIo:Inputs:DoorClosed:Line = 20: the Mcp23017 has lines 0..15".</summary>
public sealed class StationIoOptionsValidator : IValidateOptions<StationIoOptions>
{
    private const int MaxLine = 1023;
    private const int MaxDebounceMs = 1000;
    private const int MaxPollMs = 1000;

    public ValidateOptionsResult Validate(string? name, StationIoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Driver))
        {
            return ValidateOptionsResult.Fail($"{StationIoOptions.Section}:Driver = {options.Driver}: use one of {string.Join(", ", Enum.GetNames<GpioDriverKind>())}.");
        }

        var board = options.Board;
        var failures = new List<string>();
        var lines = options.Lines().ToList();
        foreach (var (key, _, line) in lines)
        {
            CheckLine(board, key, line, failures);
        }

        foreach (var shared in lines.GroupBy(l => (l.Line.Chip, l.Line.Line)).Where(g => g.Count() > 1))
        {
            var chip = board.Kind is GpioDriverKind.Simulated or GpioDriverKind.Libgpiod ? $"gpiochip{shared.Key.Chip}" : $"{board.Kind} chip {shared.Key.Chip}";
            failures.Add($"{string.Join(" and ", shared.Select(s => s.Key))} share {chip} line {shared.Key.Line}; each signal needs its own line.");
        }

        if (board.LinesPerChip is { } perChip && (board.MaxChip + 1) * perChip < lines.Count)
        {
            failures.Add($"{StationIoOptions.Section}:Driver = {board.Kind}: its {perChip} lines cannot carry the station's {lines.Count} signals; "
                + $"use it as the I2C bus of an Mcp23017 ({StationIoOptions.Section}:Driver = Mcp23017, {StationIoOptions.Section}:I2c:Bus = {board.Kind}).");
        }

        if (!board.ReportsEdges && options.PollMs is < 1 or > MaxPollMs)
        {
            failures.Add($"{StationIoOptions.Section}:PollMs = {options.PollMs}: must be from 1 to {MaxPollMs}.");
        }

        if (board.IsI2cExpander)
        {
            CheckI2c(options, board, lines.Max(l => l.Line.Chip), failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLine(StationIoBoard board, string key, GpioLine line, List<string> failures)
    {
        if (line.Chip < 0 || line.Chip > board.MaxChip)
        {
            failures.Add(board.MaxChip == 0
                ? $"{key}:Chip = {line.Chip}: the {board.Kind} is a single chip; use 0."
                : board.IsI2cExpander
                    ? $"{key}:Chip = {line.Chip}: {board.Kind} chips are numbered 0..{board.MaxChip} (chip N at StationIo:I2c:Address + N)."
                    : $"{key}:Chip = {line.Chip}: must be from 0 to {board.MaxChip} (gpiochipN).");
        }

        var lastLine = (board.LinesPerChip ?? (MaxLine + 1)) - 1;
        if (line.Line < 0 || line.Line > lastLine)
        {
            failures.Add($"{key}:Line = {line.Line}: {(board.LinesPerChip is null ? $"must be from 0 to {MaxLine}" : board.LinesText)}.");
        }

        if (line.DebounceMs is < 0 or > MaxDebounceMs)
        {
            failures.Add($"{key}:DebounceMs = {line.DebounceMs}: must be from 0 to {MaxDebounceMs}.");
        }

        if (line.PullUp && board.Kind is GpioDriverKind.Ft232h or GpioDriverKind.Ft4222 or GpioDriverKind.Pcf8574)
        {
            failures.Add($"{key}:PullUp = true: the {board.Kind} has no switchable pull-up; fit a resistor to the supply (see the wiring table).");
        }
    }

    private static void CheckI2c(StationIoOptions options, StationIoBoard board, int lastChip, List<string> failures)
    {
        var i2c = options.I2c;
        var key = $"{StationIoOptions.Section}:I2c";
        if (!Enum.IsDefined(i2c.Bus))
        {
            failures.Add($"{key}:Bus = {i2c.Bus}: use one of {string.Join(", ", Enum.GetNames<I2cBusKind>())}.");
        }

        if (i2c.Bus == I2cBusKind.Host && i2c.BusId is < 0 or > 255)
        {
            failures.Add($"{key}:BusId = {i2c.BusId}: must be from 0 to 255 (/dev/i2c-N).");
        }

        var range = board.I2cAddresses.FirstOrDefault(a => i2c.Address >= a.First && i2c.Address <= a.Last);
        if (range == default)
        {
            failures.Add($"{key}:Address = 0x{i2c.Address:X2}: the {board.Kind} answers at {board.AddressesText}.");
        }
        else if (i2c.Address + lastChip > range.Last)
        {
            failures.Add($"{key}:Address = 0x{i2c.Address:X2}: chip {lastChip} would be at 0x{i2c.Address + lastChip:X2}, past the {board.Kind}'s last address 0x{range.Last:X2}.");
        }
    }
}
