using System.Device.Gpio;
using System.Device.I2c;
using Engraver.Hardware.Gpio;
using Engraver.Service.Options;
using Engraver.Simulator.Gpio;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>Opens the station I/O from configuration on the board <c>StationIo:Driver</c> names: the twin's
/// simulated chips (kept in <see cref="Simulated"/> so the twin and tests can open the door or press the
/// e-stop), libgpiod, an FT232H or FT4222 USB bridge, or MCP23017 / PCF8574 I2C expanders. Each board's
/// driver comes from System.Device.Gpio or Iot.Device.Bindings behind the same <see cref="GpioController"/>.</summary>
/// <param name="i2cDevices">Opens the I2C device at an address; null: the bus <c>StationIo:I2c</c> names.
/// Tests pass simulated expanders here.</param>
public sealed class StationIoFactory(IOptions<StationIoOptions> options, TimeProvider clock, Func<int, I2cDevice>? i2cDevices = null)
{
    public SimulatedStationIo? Simulated { get; private set; }

    public StationIo Create()
    {
        var settings = options.Value;
        var map = settings.ToMap();
        var board = settings.Board;
        var poll = board.ReportsEdges ? TimeSpan.Zero : TimeSpan.FromMilliseconds(settings.PollMs);
        switch (settings.Driver)
        {
            case GpioDriverKind.Simulated:
                Simulated = new SimulatedStationIo(map);
                return new StationIo(map, Simulated.DriverFor, clock);
            case GpioDriverKind.Libgpiod:
                return new StationIo(map, chip => Checked(settings, chip, $"gpiochip{chip}", new GpioController(GpioDrivers.LibGpiod(chip))), clock, poll);
            case GpioDriverKind.Ft232h:
                return new StationIo(map, chip => Checked(settings, chip, "the FT232H", GpioDrivers.Ft232H()), clock, poll);
            case GpioDriverKind.Ft4222:
                return new StationIo(map, chip => Checked(settings, chip, "the FT4222", GpioDrivers.Ft4222()), clock, poll);
            case GpioDriverKind.Mcp23017 or GpioDriverKind.Pcf8574:
                var bus = i2cDevices ?? I2cBus(settings.I2c);
                return new StationIo(map, chip => Expander(settings, chip, bus(settings.I2c.Address + chip)), clock, poll);
            default:
                throw new StationConfigurationException($"{StationIoOptions.Section}:Driver = {settings.Driver}: no such driver.");
        }
    }

    private static Func<int, I2cDevice> I2cBus(I2cOptions i2c) => i2c.Bus switch
    {
        I2cBusKind.Host => GpioDrivers.I2cOnHost(i2c.BusId),
        I2cBusKind.Ft232h => GpioDrivers.I2cOnFt232H(),
        I2cBusKind.Ft4222 => GpioDrivers.I2cOnFt4222(),
        _ => throw new StationConfigurationException($"{StationIoOptions.Section}:I2c:Bus = {i2c.Bus}: no such bus."),
    };

    private static GpioController Expander(StationIoOptions settings, int chip, I2cDevice device)
    {
        var driver = settings.Driver == GpioDriverKind.Mcp23017 ? GpioDrivers.Mcp23017(device) : GpioDrivers.Pcf8574(device);
        return Checked(settings, chip, $"the {settings.Driver} at 0x{device.ConnectionSettings.DeviceAddress:X2}", new GpioController(driver));
    }

    /// <summary>A libgpiod chip's line count is known only once it is open: a line past it is a configuration
    /// error, named as the validator names the others.</summary>
    private static GpioController Checked(StationIoOptions settings, int chip, string name, GpioController controller)
    {
        var count = controller.PinCount;
        var beyond = settings.Lines().Where(l => l.Line.Chip == chip && l.Line.Line >= count).ToList();
        if (beyond.Count == 0)
        {
            return controller;
        }

        controller.Dispose();
        throw new StationConfigurationException(string.Join("; ", beyond.Select(l => $"{l.Key}:Line = {l.Line.Line}: {name} has lines 0..{count - 1}")) + ".");
    }
}
