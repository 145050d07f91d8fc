using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;
using Iot.Device.Ft232H;
using Iot.Device.Ft4222;
using Iot.Device.Mcp23xxx;
using Iot.Device.Pcx857x;

namespace Engraver.Hardware.Gpio;

/// <summary>Drivers for real hardware, each a <see cref="GpioDriver"/> from System.Device.Gpio or
/// Iot.Device.Bindings, so the station opens every board through the same <see cref="GpioController"/>.</summary>
public static class GpioDrivers
{
    /// <summary>The Linux character-device driver (libgpiod) for /dev/gpiochipN.</summary>
    public static GpioDriver LibGpiod(int chip) =>
        OperatingSystem.IsLinux()
            ? new LibGpiodDriver(chip)
            : throw new PlatformNotSupportedException($"gpiochip{chip}: the libgpiod driver needs Linux; use a USB bridge (Ft232h, Ft4222) or the simulated I/O elsewhere.");

    /// <summary>The 16 GPIO of the first FT232H on USB (ADBUS0-7 are lines 0-7, ACBUS0-7 lines 8-15).</summary>
    public static GpioController Ft232H() => Usb("FT232H", () => OpenFt232H().CreateGpioController());

    /// <summary>The GPIO0-3 of the first FT4222 on USB.</summary>
    public static GpioController Ft4222() => Usb("FT4222", () => OpenFt4222().CreateGpioController());

    /// <summary>An MCP23017 expander (GPA0-7 are lines 0-7, GPB0-7 lines 8-15) on an I2C device.</summary>
    public static GpioDriver Mcp23017(I2cDevice device) => new Mcp23017(device);

    /// <summary>A PCF8574 expander (P0-P7 are lines 0-7) on an I2C device.</summary>
    public static GpioDriver Pcf8574(I2cDevice device) => new Pcf8574(device);

    /// <summary>Devices on the host's bus /dev/i2c-N, by address.</summary>
    public static Func<int, I2cDevice> I2cOnHost(int busId) => address => I2cDevice.Create(new I2cConnectionSettings(busId, address));

    /// <summary>Devices on the I2C pins of the first FT232H (ADBUS0 SCL, ADBUS1+2 SDA), by address; the
    /// bridge is opened once for all of them.</summary>
    public static Func<int, I2cDevice> I2cOnFt232H()
    {
        var bridge = Usb("FT232H", OpenFt232H);
        return address => Usb("FT232H", () => bridge.CreateI2cDevice(new I2cConnectionSettings(0, address)));
    }

    /// <summary>Devices on the I2C pins of the first FT4222 (mode 0: SCL, SDA), by address.</summary>
    public static Func<int, I2cDevice> I2cOnFt4222()
    {
        var bridge = Usb("FT4222", OpenFt4222);
        return address => Usb("FT4222", () => bridge.CreateI2cDevice(new I2cConnectionSettings(0, address)));
    }

    private static Ft232HDevice OpenFt232H() => FirstOf(Ft232HDevice.GetFt232H(), "FT232H");

    private static Ft4222Device OpenFt4222() => FirstOf(Ft4222Device.GetFt4222(), "FT4222");

    private static T FirstOf<T>(IEnumerable<T> found, string board) =>
        found.FirstOrDefault() ?? throw new IOException($"No {board} is connected: check the USB cable and that the FTDI driver sees the board.");

    /// <summary>The FTDI bindings call the vendor's D2XX library; without it they throw a loader error that
    /// names no board. Turned into one that says what is missing.</summary>
    private static T Usb<T>(string board, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new IOException($"The {board} cannot be opened: the FTDI D2XX driver library (ftd2xx{(board == "FT4222" ? " and LibFT4222" : string.Empty)}) is not installed on this machine.", e);
        }
    }
}
