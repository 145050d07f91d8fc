using Engraver.Service.Options;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Engraver.Service.Tests.Options;

public class StationIoOptionsValidatorTests
{
    private static List<string> Failures(StationIoOptions options) =>
        new StationIoOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    private static StationIoOptions Bound(Dictionary<string, string?> settings)
    {
        var options = new StationIoOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(StationIoOptions.Section).Bind(options);
        return options;
    }

    [Theory]
    [InlineData(GpioDriverKind.Simulated)]
    [InlineData(GpioDriverKind.Libgpiod)]
    [InlineData(GpioDriverKind.Ft232h)]
    [InlineData(GpioDriverKind.Mcp23017)]
    [InlineData(GpioDriverKind.Pcf8574)]
    public void Each_boards_default_wiring_is_valid(GpioDriverKind driver)
    {
        Assert.Empty(Failures(new StationIoOptions { Driver = driver }));
    }

    [Fact]
    public void Mcp23017_default_wiring_is_port_a_inputs_with_pull_ups_and_port_b_outputs()
    {
        var map = new StationIoOptions { Driver = GpioDriverKind.Mcp23017 }.ToMap();

        Assert.Equal(new Engraver.Hardware.Gpio.GpioLine(0, 0, ActiveLow: true, DebounceMs: 5, PullUp: true), map.Inputs[Engraver.Hardware.Gpio.StationInput.DoorClosed]);
        Assert.Equal(new Engraver.Hardware.Gpio.GpioLine(0, 8), map.Outputs[Engraver.Hardware.Gpio.StationOutput.LaserEnable]);
        Assert.Equal(15, map.Outputs[Engraver.Hardware.Gpio.StationOutput.Buzzer].Line);
    }

    [Fact]
    public void A_line_the_mcp23017_does_not_have_is_refused_naming_the_key()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Mcp23017", ["StationIo:Inputs:DoorClosed:Line"] = "20" });

        Assert.Contains("StationIo:Inputs:DoorClosed:Line = 20: the Mcp23017 has lines 0..15.", Failures(options));
    }

    [Fact]
    public void A_line_the_pcf8574_does_not_have_is_refused_naming_the_key()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Pcf8574", ["StationIo:Outputs:Buzzer:Line"] = "8" });

        Assert.Contains("StationIo:Outputs:Buzzer:Line = 8: the Pcf8574 has lines 0..7.", Failures(options));
    }

    [Fact]
    public void A_second_chip_on_a_single_chip_bridge_is_refused()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Ft232h", ["StationIo:Outputs:Buzzer:Chip"] = "1" });

        Assert.Contains("StationIo:Outputs:Buzzer:Chip = 1: the Ft232h is a single chip; use 0.", Failures(options));
    }

    [Fact]
    public void The_ft4222_alone_is_refused_and_the_message_says_how_to_use_it()
    {
        var failures = Failures(new StationIoOptions { Driver = GpioDriverKind.Ft4222 });

        Assert.Contains(failures, f => f.StartsWith("StationIo:Driver = Ft4222: its 4 lines cannot carry the station's 14 signals", StringComparison.Ordinal)
            && f.Contains("StationIo:I2c:Bus = Ft4222", StringComparison.Ordinal));
        Assert.Contains("StationIo:Inputs:FumeExtractorOk:Line = 5: the Ft4222 has lines 0..3.", failures);
    }

    [Fact]
    public void An_i2c_address_the_expander_does_not_answer_at_is_refused()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Pcf8574", ["StationIo:I2c:Address"] = "0x50" });

        Assert.Contains("StationIo:I2c:Address = 0x50: the Pcf8574 answers at 0x20..0x27 or 0x38..0x3F.", Failures(options));
    }

    [Fact]
    public void A_second_expander_past_the_last_address_is_refused()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Pcf8574", ["StationIo:I2c:Address"] = "0x27" });

        Assert.Contains("StationIo:I2c:Address = 0x27: chip 1 would be at 0x28, past the Pcf8574's last address 0x27.", Failures(options));
    }

    [Fact]
    public void A_hex_address_binds_and_a_pcf8574a_address_is_accepted()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Pcf8574", ["StationIo:I2c:Address"] = "0x38" });

        Assert.Equal(0x38, options.I2c.Address);
        Assert.Empty(Failures(options));
    }

    [Fact]
    public void Two_signals_on_one_expander_line_are_refused_naming_both_keys()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Mcp23017", ["StationIo:Outputs:Buzzer:Line"] = "0" });

        Assert.Contains("StationIo:Inputs:DoorClosed and StationIo:Outputs:Buzzer share Mcp23017 chip 0 line 0; each signal needs its own line.", Failures(options));
    }

    [Fact]
    public void A_pull_up_the_board_cannot_switch_is_refused()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Pcf8574", ["StationIo:Inputs:AirOk:PullUp"] = "true" });

        Assert.Contains(Failures(options), f => f.StartsWith("StationIo:Inputs:AirOk:PullUp = true: the Pcf8574 has no switchable pull-up", StringComparison.Ordinal));
    }

    [Fact]
    public void A_poll_period_of_zero_is_refused_for_a_polled_board()
    {
        var options = Bound(new() { ["StationIo:Driver"] = "Mcp23017", ["StationIo:PollMs"] = "0" });

        Assert.Contains("StationIo:PollMs = 0: must be from 1 to 1000.", Failures(options));
    }
}
