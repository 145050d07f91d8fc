using System.Device.Gpio;
using System.Device.I2c;
using Engraver.Core.Station;
using Engraver.Hardware.Gpio;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Service.Tests.Support;
using Engraver.Simulator.I2c;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Engraver.Service.Tests.Station;

/// <summary>The station on the board configuration chooses, opened by <see cref="StationIoFactory"/>; the I2C
/// expanders are simulated chips behind the bindings' real drivers. The USB bridges cannot be opened without
/// the board and the FTDI driver, so for them the refusal is what is tested.</summary>
public class StationIoBoardTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly ManualClock _clock = new();

    private StationIoFactory Factory(GpioDriverKind driver, Func<int, I2cDevice>? i2c = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new StationIoOptions { Driver = driver, PollMs = 10 }), _clock, i2c);

    private static SimulatedMcp23017 HealthyMcp23017()
    {
        var chip = new SimulatedMcp23017();
        foreach (var input in Enum.GetValues<StationInput>())
        {
            chip.Drive((int)input, PinValue.Low);
        }

        return chip;
    }

    private static async Task DriveToEngravingAsync(StationLoop loop)
    {
        foreach (var trigger in new[] { StationTrigger.Connect, StationTrigger.Connected, StationTrigger.Home, StationTrigger.Homed, StationTrigger.Start, StationTrigger.StartPin, StationTrigger.Positioned, StationTrigger.Focused })
        {
            await loop.FireAsync(trigger, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Mcp23017_door_opened_during_engraving_holds_the_station_and_drops_the_laser_pin()
    {
        var chip = HealthyMcp23017();
        using var io = Factory(GpioDriverKind.Mcp23017, address => address == 0x20 ? chip : throw new IOException($"nothing at 0x{address:X2}")).Create();
        var machine = new StationStateMachine();
        var loop = new StationLoop(machine, io, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(stop.Token);
        await DriveToEngravingAsync(loop);
        Assert.Equal(PinValue.High, chip.OutputLevel(8));

        chip.Drive((int)StationInput.DoorClosed, null);
        _clock.Advance(Poll);
        await loop.SyncAsync(CancellationToken.None);

        Assert.Equal(StationState.SafetyHold, machine.State);
        Assert.Equal(PinValue.Low, chip.OutputLevel(8));
        await stop.CancelAsync();
        await Task.WhenAny(running);
    }

    [Fact]
    public async Task Mcp23017_unplugged_during_engraving_stops_the_station_as_an_estop_with_the_laser_unpowered()
    {
        var chip = HealthyMcp23017();
        using var io = Factory(GpioDriverKind.Mcp23017, _ => chip).Create();
        var machine = new StationStateMachine();
        var loop = new StationLoop(machine, io, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(stop.Token);
        await DriveToEngravingAsync(loop);

        chip.Unplugged = true;
        _clock.Advance(Poll);
        await loop.SyncAsync(CancellationToken.None);

        Assert.Equal(StationState.EStop, machine.State);
        Assert.False(machine.LaserEnableAllowed);
        Assert.Null(chip.OutputLevel(8));
        await stop.CancelAsync();
        await Task.WhenAny(running);
    }

    [Fact]
    public void Pcf8574_defaults_put_inputs_on_the_first_chip_and_active_low_outputs_on_the_next_address()
    {
        var inputs = new SimulatedPcf8574(address: 0x20);
        var outputs = new SimulatedPcf8574(address: 0x21);
        foreach (var input in Enum.GetValues<StationInput>())
        {
            inputs.Drive((int)input, PinValue.Low);
        }

        using var io = Factory(GpioDriverKind.Pcf8574, address => address == 0x20 ? inputs : outputs).Create();
        io.Write(StationOutput.LaserEnable, true);

        Assert.All(io.ReadAll().Values, Assert.True);
        Assert.Equal(PinValue.Low, outputs.OutputLevel(0));
        Assert.Equal(PinValue.High, outputs.OutputLevel(1));
        inputs.Drive((int)StationInput.EStopOk, null);
        _clock.Advance(Poll);
        Assert.False(io.Read(StationInput.EStopOk));
    }

    [Fact]
    public void Ft232h_default_wiring_polled_through_a_simulated_16_line_driver_reads_the_door_and_drives_acbus0()
    {
        var options = new StationIoOptions { Driver = GpioDriverKind.Ft232h, PollMs = 10 };
        var bridge = new Engraver.Simulator.Gpio.SimulatedGpioDriver(lineCount: 16);
        for (var line = 0; line < 6; line++)
        {
            bridge.SetInput(line, PinValue.Low);
        }

        using var io = new StationIo(options.ToMap(), _ => bridge, _clock, Poll);
        io.Write(StationOutput.LaserEnable, true);
        bridge.SetInput((int)StationInput.DoorClosed, PinValue.High);
        _clock.Advance(Poll);

        Assert.Equal(PinValue.High, bridge.ReadOutput(8));
        Assert.Equal(PinMode.Output, bridge.ModeOf(8));
        Assert.False(io.Read(StationInput.DoorClosed));
        Assert.True(io.Read(StationInput.EStopOk));
    }

    [Fact]
    public void An_ft232h_that_cannot_be_opened_is_refused_naming_the_board()
    {
        var failure = Assert.ThrowsAny<IOException>(() => Factory(GpioDriverKind.Ft232h).Create());

        Assert.Contains("FT232H", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(I2cBusKind.Ft232h, "FT232H")]
    [InlineData(I2cBusKind.Ft4222, "FT4222")]
    public void An_expander_on_a_usb_bridge_that_cannot_be_opened_is_refused_naming_the_bridge(I2cBusKind bus, string board)
    {
        var options = new StationIoOptions { Driver = GpioDriverKind.Mcp23017, I2c = new I2cOptions { Bus = bus } };
        var factory = new StationIoFactory(Microsoft.Extensions.Options.Options.Create(options), _clock);

        var failure = Assert.ThrowsAny<IOException>(factory.Create);

        Assert.Contains(board, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ft4222_gpio_that_cannot_be_opened_is_refused_naming_the_board()
    {
        var failure = Assert.ThrowsAny<IOException>(() => GpioDrivers.Ft4222());

        Assert.Contains("FT4222", failure.Message, StringComparison.Ordinal);
    }
}
