using Engraver.Hardware.Gpio;
using Xunit;

namespace Engraver.Hardware.Tests.Gpio;

public class StationIoMapTests
{
    [Fact]
    public void A_line_used_twice_is_refused_naming_both_signals()
    {
        var defaults = StationIoMap.Default();
        var outputs = defaults.Outputs.ToDictionary(p => p.Key, p => p.Value);
        outputs[StationOutput.Buzzer] = defaults.Inputs[StationInput.DoorClosed] with { ActiveLow = false };

        var error = Assert.Throws<ArgumentException>(() => new StationIoMap(defaults.Inputs, outputs));

        Assert.Contains("gpiochip0 line 0 is used by input DoorClosed and output Buzzer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signal_without_a_line_is_refused_by_name()
    {
        var defaults = StationIoMap.Default();
        var inputs = defaults.Inputs.Where(p => p.Key != StationInput.AirOk).ToDictionary(p => p.Key, p => p.Value);

        var error = Assert.Throws<ArgumentException>(() => new StationIoMap(inputs, defaults.Outputs));

        Assert.Contains("input AirOk has no GPIO line", error.Message, StringComparison.Ordinal);
    }
}
