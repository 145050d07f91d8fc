using Engraver.Hardware.Gpio;
using Engraver.Hardware.Tests.Support;
using Engraver.Simulator.Gpio;
using Xunit;

namespace Engraver.Hardware.Tests.Gpio;

public class StationIoTests
{
    private readonly StationIoMap _map = StationIoMap.Default(debounceMs: 20);
    private readonly ManualTimeProvider _clock = new();
    private readonly SimulatedStationIo _wiring;
    private readonly List<StationInputChanged> _changes = [];

    public StationIoTests()
    {
        _wiring = new SimulatedStationIo(_map);
    }

    private StationIo Open()
    {
        var io = new StationIo(_map, _wiring.DriverFor, _clock);
        io.InputChanged += (_, change) => _changes.Add(change);
        return io;
    }

    [Fact]
    public void Inputs_read_healthy_through_active_low_wiring()
    {
        using var io = Open();

        Assert.All(io.ReadAll().Values, Assert.True);
    }

    [Fact]
    public void A_chip_that_fails_on_an_edge_is_a_fault_and_every_input_reads_unhealthy()
    {
        using var io = Open();
        var faults = new List<StationIoFault>();
        io.Faulted += (_, fault) => faults.Add(fault);
        io.Write(StationOutput.LaserEnable, true);
        var chip = (SimulatedGpioDriver)_wiring.DriverFor(0);

        chip.Unplugged = true;
        chip.SetInput(_map.Inputs[StationInput.AirOk].Line, System.Device.Gpio.PinValue.High);

        Assert.Single(faults);
        Assert.All(io.ReadAll().Values, Assert.False);
        Assert.Contains(new StationInputChanged(StationInput.DoorClosed, false), _changes);
    }

    [Fact]
    public void Door_opening_is_reported_at_once_without_waiting_for_the_debounce()
    {
        using var io = Open();

        _wiring.Set(StationInput.DoorClosed, false);

        Assert.Equal([new StationInputChanged(StationInput.DoorClosed, false)], _changes);
        Assert.False(io.Read(StationInput.DoorClosed));
    }

    [Fact]
    public void Door_closing_counts_only_after_it_held_for_the_debounce_time()
    {
        using var io = Open();
        _wiring.Set(StationInput.DoorClosed, false);
        _changes.Clear();

        _wiring.Set(StationInput.DoorClosed, true);
        _clock.Advance(TimeSpan.FromMilliseconds(19));
        Assert.Empty(_changes);
        Assert.False(io.Read(StationInput.DoorClosed));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new StationInputChanged(StationInput.DoorClosed, true)], _changes);
    }

    [Fact]
    public void A_bounce_shorter_than_the_debounce_time_never_reads_as_closed()
    {
        using var io = Open();
        _wiring.Set(StationInput.DoorClosed, false);
        _changes.Clear();

        _wiring.Set(StationInput.DoorClosed, true);
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        _wiring.Set(StationInput.DoorClosed, false);
        _clock.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Empty(_changes);
        Assert.False(io.Read(StationInput.DoorClosed));
    }

    [Fact]
    public void Outputs_start_off_and_follow_writes_on_the_wire()
    {
        using var io = Open();
        Assert.All(Enum.GetValues<StationOutput>(), o => Assert.False(_wiring.IsOn(o)));

        io.Write(StationOutput.StackLightGreen, true);

        Assert.True(_wiring.IsOn(StationOutput.StackLightGreen));
        Assert.True(io.IsOn(StationOutput.StackLightGreen));
        Assert.False(_wiring.IsOn(StationOutput.LaserEnable));
    }

    [Fact]
    public void An_active_low_output_drives_its_line_low_when_on()
    {
        var outputs = _map.Outputs.ToDictionary(p => p.Key, p => p.Value);
        outputs[StationOutput.Buzzer] = outputs[StationOutput.Buzzer] with { ActiveLow = true };
        var map = new StationIoMap(_map.Inputs, outputs);
        var wiring = new SimulatedStationIo(map);
        using var io = new StationIo(map, wiring.DriverFor, _clock);

        io.Write(StationOutput.Buzzer, true);

        var driver = (SimulatedGpioDriver)wiring.DriverFor(0);
        Assert.Equal(System.Device.Gpio.PinValue.Low, driver.ReadOutput(outputs[StationOutput.Buzzer].Line));
        Assert.True(wiring.IsOn(StationOutput.Buzzer));
    }

    [Fact]
    public void Disposing_drops_the_laser_relay()
    {
        var io = Open();
        io.Write(StationOutput.LaserEnable, true);
        Assert.True(_wiring.IsOn(StationOutput.LaserEnable));

        io.Dispose();

        Assert.False(_wiring.IsOn(StationOutput.LaserEnable));
    }
}
