using Engraver.Hardware.Gpio;
using Engraver.Service.Options;
using Engraver.Simulator.Gpio;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Station;

/// <summary>Opens the station I/O from configuration: libgpiod on hardware, or the twin's simulated chips
/// (kept in <see cref="Simulated"/> so the twin and tests can open the door or press the e-stop).</summary>
public sealed class StationIoFactory(IOptions<StationIoOptions> options, TimeProvider clock)
{
    public SimulatedStationIo? Simulated { get; private set; }

    public StationIo Create()
    {
        var settings = options.Value;
        var map = settings.ToMap();
        if (settings.Driver == GpioDriverKind.Libgpiod)
        {
            return new StationIo(map, GpioDrivers.LibGpiod, clock);
        }

        Simulated = new SimulatedStationIo(map);
        return new StationIo(map, Simulated.DriverFor, clock);
    }
}
