using System.Device.Gpio;
using Engraver.Hardware.Gpio;

namespace Engraver.Simulator.Gpio;

/// <summary>The station's wiring in the twin: one <see cref="SimulatedGpioDriver"/> per chip of the map,
/// inputs set and outputs read in station terms (the map's active-low flags applied, as the wires would).
/// Pass <see cref="DriverFor"/> to <see cref="StationIo"/>.</summary>
public sealed class SimulatedStationIo
{
    private readonly StationIoMap _map;
    private readonly Dictionary<int, SimulatedGpioDriver> _chips;

    /// <summary>Starts with every input healthy: door closed, e-stop released, tray clamped, air and fume extraction on.</summary>
    public SimulatedStationIo(StationIoMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
        _chips = map.Chips.ToDictionary(c => c, _ => new SimulatedGpioDriver());
        foreach (var input in Enum.GetValues<StationInput>())
        {
            Set(input, true);
        }
    }

    public GpioDriver DriverFor(int chip) =>
        _chips.TryGetValue(chip, out var driver) ? driver : throw new ArgumentOutOfRangeException(nameof(chip), chip, "The station I/O map uses no such chip.");

    /// <summary>Raised when the tray sensor goes from empty to present: a tray was put in.</summary>
    public event Action? TrayLoaded;

    /// <summary>Sets an input as the sensor would report it (true = healthy); edges reach the station at once.</summary>
    public void Set(StationInput input, bool healthy)
    {
        var line = _map.Inputs[input];
        var loading = input == StationInput.TrayPresent && healthy && !IsSet(input);
        _chips[line.Chip].SetInput(line.Line, healthy != line.ActiveLow ? PinValue.High : PinValue.Low);
        if (loading)
        {
            TrayLoaded?.Invoke();
        }
    }

    /// <summary>What the sensor reports now (true = healthy), before any debouncing.</summary>
    public bool IsSet(StationInput input)
    {
        var line = _map.Inputs[input];
        return (_chips[line.Chip].ReadOutput(line.Line) == PinValue.High) != line.ActiveLow;
    }

    /// <summary>The laser's hardware interlock loop: door switch, e-stop contact and laser-enable relay in
    /// series, as on a real enclosure. Give it to the twin's <c>LaserInterlock</c>.</summary>
    public bool LaserInterlockClosed() => IsSet(StationInput.DoorClosed) && IsSet(StationInput.EStopOk) && IsOn(StationOutput.LaserEnable);

    /// <summary>Whether an output is energised, read from the line's electrical level.</summary>
    public bool IsOn(StationOutput output)
    {
        var line = _map.Outputs[output];
        return (_chips[line.Chip].ReadOutput(line.Line) == PinValue.High) != line.ActiveLow;
    }
}
