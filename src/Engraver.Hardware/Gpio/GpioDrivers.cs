using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace Engraver.Hardware.Gpio;

/// <summary>Drivers for real hardware.</summary>
public static class GpioDrivers
{
    /// <summary>The Linux character-device driver (libgpiod) for /dev/gpiochipN.</summary>
    public static GpioDriver LibGpiod(int chip) =>
        OperatingSystem.IsLinux()
            ? new LibGpiodDriver(chip)
            : throw new PlatformNotSupportedException($"gpiochip{chip}: the libgpiod driver needs Linux; use the simulated I/O elsewhere.");
}
