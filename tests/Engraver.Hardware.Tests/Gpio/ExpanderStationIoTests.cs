using System.Device.Gpio;
using Engraver.Hardware.Gpio;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.I2c;
using Xunit;

namespace Engraver.Hardware.Tests.Gpio;

/// <summary>The station I/O on I2C expanders: the bindings' own MCP23017 and PCF8574 drivers (Iot.Device.Bindings)
/// talk to simulated chips that model the registers, so the real register traffic is exercised.</summary>
public class ExpanderStationIoTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly ManualTimeProvider _clock = new();
    private readonly List<StationInputChanged> _changes = [];
    private readonly List<StationIoFault> _faults = [];

    /// <summary>The MCP23017 wiring: GPA0-5 inputs (contacts to ground, chip pull-ups), GPB0-7 outputs.</summary>
    private static StationIoMap Mcp23017Map() => new(
        Enum.GetValues<StationInput>().ToDictionary(i => i, i => new GpioLine(0, (int)i, ActiveLow: true, DebounceMs: 20, PullUp: true)),
        Enum.GetValues<StationOutput>().ToDictionary(o => o, o => new GpioLine(0, 8 + (int)o)));

    /// <summary>The PCF8574 wiring: P0-5 of chip 0 inputs, P0-7 of chip 1 active-low outputs.</summary>
    private static StationIoMap Pcf8574Map() => new(
        Enum.GetValues<StationInput>().ToDictionary(i => i, i => new GpioLine(0, (int)i, ActiveLow: true, DebounceMs: 20)),
        Enum.GetValues<StationOutput>().ToDictionary(o => o, o => new GpioLine(1, (int)o, ActiveLow: true)));

    private StationIo Open(StationIoMap map, Func<int, GpioDriver> driverForChip)
    {
        var io = new StationIo(map, driverForChip, _clock, Poll);
        io.InputChanged += (_, change) => _changes.Add(change);
        io.Faulted += (_, fault) => _faults.Add(fault);
        return io;
    }

    private static SimulatedMcp23017 HealthyMcp23017()
    {
        var chip = new SimulatedMcp23017();
        foreach (var input in Enum.GetValues<StationInput>())
        {
            chip.Drive((int)input, PinValue.Low);
        }

        return chip;
    }

    private static (SimulatedPcf8574 Inputs, SimulatedPcf8574 Outputs) HealthyPcf8574s()
    {
        var inputs = new SimulatedPcf8574(address: 0x20);
        foreach (var input in Enum.GetValues<StationInput>())
        {
            inputs.Drive((int)input, PinValue.Low);
        }

        return (inputs, new SimulatedPcf8574(address: 0x21));
    }

    private static Func<int, GpioDriver> Mcp23017s(SimulatedMcp23017 chip) => _ => GpioDrivers.Mcp23017(chip);

    private static Func<int, GpioDriver> Pcf8574s(SimulatedPcf8574 inputs, SimulatedPcf8574 outputs) =>
        n => GpioDrivers.Pcf8574(n == 0 ? inputs : outputs);

    [Fact]
    public void Mcp23017_opens_inputs_with_pull_ups_and_outputs_driven_off()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));

        Assert.All(io.ReadAll().Values, Assert.True);
        Assert.True(chip.IsInputPin(0));
        Assert.True(chip.PullUpOn(0));
        Assert.Equal(PinValue.Low, chip.OutputLevel(8));
        Assert.Equal(PinValue.Low, chip.OutputLevel(15));
    }

    [Fact]
    public void Mcp23017_door_opened_reaches_the_station_on_the_next_poll()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));

        chip.Drive((int)StationInput.DoorClosed, null);
        Assert.Empty(_changes);
        _clock.Advance(Poll);

        Assert.Equal([new StationInputChanged(StationInput.DoorClosed, false)], _changes);
        Assert.False(io.Read(StationInput.DoorClosed));
    }

    [Fact]
    public void Mcp23017_door_closed_again_counts_after_the_debounce()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));
        chip.Drive((int)StationInput.DoorClosed, null);
        _clock.Advance(Poll);
        _changes.Clear();

        chip.Drive((int)StationInput.DoorClosed, PinValue.Low);
        _clock.Advance(Poll);
        Assert.Empty(_changes);
        _clock.Advance(TimeSpan.FromMilliseconds(20));

        Assert.Equal([new StationInputChanged(StationInput.DoorClosed, true)], _changes);
    }

    [Fact]
    public void Mcp23017_laser_enable_drives_its_pin_and_only_its_pin()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));

        io.Write(StationOutput.LaserEnable, true);

        Assert.Equal(PinValue.High, chip.OutputLevel(8));
        Assert.All(Enumerable.Range(9, 7), line => Assert.Equal(PinValue.Low, chip.OutputLevel(line)));
        io.Write(StationOutput.LaserEnable, false);
        Assert.Equal(PinValue.Low, chip.OutputLevel(8));
    }

    [Fact]
    public void Mcp23017_unplugged_is_a_fault_every_input_reads_unhealthy_and_the_laser_is_unpowered()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));
        io.Write(StationOutput.LaserEnable, true);

        chip.Unplugged = true;
        _clock.Advance(Poll);

        Assert.NotEmpty(_faults);
        Assert.IsType<IOException>(_faults[0].Error);
        Assert.Contains("reading input", _faults[0].What, StringComparison.Ordinal);
        Assert.All(io.ReadAll().Values, Assert.False);
        Assert.Contains(new StationInputChanged(StationInput.EStopOk, false), _changes);
        Assert.Null(chip.OutputLevel(8));
    }

    [Fact]
    public void Mcp23017_bus_error_while_lasing_drops_the_laser_relay_at_once()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));
        io.Write(StationOutput.LaserEnable, true);

        chip.FailNextTransfers(1);
        _clock.Advance(Poll);

        Assert.Single(_faults);
        Assert.Equal(PinValue.Low, chip.OutputLevel(8));
        Assert.False(io.IsOn(StationOutput.LaserEnable));
        Assert.False(io.Read(StationInput.DoorClosed));
    }

    [Fact]
    public void Mcp23017_inputs_come_back_after_the_bus_answers_again_and_the_debounce_held()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));
        chip.FailNextTransfers(1);
        _clock.Advance(Poll);
        _changes.Clear();

        _clock.Advance(Poll);
        _clock.Advance(TimeSpan.FromMilliseconds(20));

        Assert.All(io.ReadAll().Values, Assert.True);
        Assert.Equal(Enum.GetValues<StationInput>().Length, _changes.Count(c => c.Value));
    }

    [Fact]
    public void Mcp23017_a_failed_write_is_a_fault_and_the_output_is_not_taken_as_on()
    {
        var chip = HealthyMcp23017();
        using var io = Open(Mcp23017Map(), Mcp23017s(chip));

        chip.FailNextTransfers(5);
        io.Write(StationOutput.LaserEnable, true);

        Assert.NotEmpty(_faults);
        Assert.Contains("writing output LaserEnable", _faults[0].What, StringComparison.Ordinal);
        Assert.False(io.IsOn(StationOutput.LaserEnable));
        Assert.All(io.ReadAll().Values, Assert.False);
    }

    [Fact]
    public void Pcf8574_door_opened_reaches_the_station_on_the_next_poll()
    {
        var (inputs, outputs) = HealthyPcf8574s();
        using var io = Open(Pcf8574Map(), Pcf8574s(inputs, outputs));
        Assert.All(io.ReadAll().Values, Assert.True);

        inputs.Drive((int)StationInput.DoorClosed, null);
        _clock.Advance(Poll);

        Assert.Equal([new StationInputChanged(StationInput.DoorClosed, false)], _changes);
    }

    [Fact]
    public void Pcf8574_laser_enable_pulls_its_active_low_line_down_and_starts_released()
    {
        var (inputs, outputs) = HealthyPcf8574s();
        using var io = Open(Pcf8574Map(), Pcf8574s(inputs, outputs));
        Assert.All(Enumerable.Range(0, 8), line => Assert.Equal(PinValue.High, outputs.OutputLevel(line)));

        io.Write(StationOutput.LaserEnable, true);

        Assert.Equal(PinValue.Low, outputs.OutputLevel((int)StationOutput.LaserEnable));
        Assert.All(Enumerable.Range(1, 7), line => Assert.Equal(PinValue.High, outputs.OutputLevel(line)));
    }

    [Fact]
    public void Pcf8574_output_chip_unplugged_is_a_fault_and_its_relays_release()
    {
        var (inputs, outputs) = HealthyPcf8574s();
        using var io = Open(Pcf8574Map(), Pcf8574s(inputs, outputs));
        io.Write(StationOutput.LaserEnable, true);

        outputs.Unplugged = true;
        io.Write(StationOutput.StackLightRed, true);

        Assert.NotEmpty(_faults);
        Assert.All(io.ReadAll().Values, Assert.False);
        Assert.Equal(PinValue.High, outputs.OutputLevel((int)StationOutput.LaserEnable));
    }

    [Fact]
    public void Pcf8574_input_chip_unplugged_is_a_fault_on_the_next_poll()
    {
        var (inputs, outputs) = HealthyPcf8574s();
        using var io = Open(Pcf8574Map(), Pcf8574s(inputs, outputs));

        inputs.Unplugged = true;
        _clock.Advance(Poll);

        Assert.NotEmpty(_faults);
        Assert.False(io.Read(StationInput.EStopOk));
    }
}
