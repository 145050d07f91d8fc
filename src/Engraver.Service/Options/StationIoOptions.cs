using Engraver.Hardware.Gpio;

namespace Engraver.Service.Options;

public enum GpioDriverKind
{
    /// <summary>The twin's GPIO chips: every input healthy until a test or the simulator changes it.</summary>
    Simulated,

    /// <summary>Linux GPIO character devices (/dev/gpiochipN) through libgpiod.</summary>
    Libgpiod,

    /// <summary>An FTDI FT232H USB bridge's 16 GPIO (Windows and Linux, FTDI D2XX driver).</summary>
    Ft232h,

    /// <summary>An FTDI FT4222 USB bridge's 4 GPIO (Windows and Linux, FTDI D2XX and LibFT4222).</summary>
    Ft4222,

    /// <summary>MCP23017 16-line I2C expanders (chip N at StationIo:I2c:Address + N).</summary>
    Mcp23017,

    /// <summary>PCF8574 / PCF8574A 8-line I2C expanders (chip N at StationIo:I2c:Address + N).</summary>
    Pcf8574,
}

/// <summary>Which I2C bus the expanders are on.</summary>
public enum I2cBusKind
{
    /// <summary>The host's bus /dev/i2c-N, N = StationIo:I2c:BusId (Linux).</summary>
    Host,

    /// <summary>The I2C pins of an FT232H on USB.</summary>
    Ft232h,

    /// <summary>The I2C pins of an FT4222 on USB.</summary>
    Ft4222,
}

/// <summary>The station's interlock inputs and outputs (section "StationIo"). A line left out of the
/// configuration takes the board's default (see <see cref="StationIoBoard"/>): inputs on chip 0 lines 0-5,
/// active-low with 5 ms debounce; outputs after them as the board is usually wired.</summary>
public sealed class StationIoOptions
{
    public const string Section = "StationIo";

    public GpioDriverKind Driver { get; set; } = GpioDriverKind.Simulated;

    /// <summary>How often inputs are read on boards that report no edges (USB bridges, expanders).</summary>
    public int PollMs { get; set; } = 10;

    public I2cOptions I2c { get; set; } = new();

    public StationInputOptions Inputs { get; set; } = new();

    public StationOutputOptions Outputs { get; set; } = new();

    public StationIoBoard Board => StationIoBoard.For(Driver);

    /// <summary>Every line with the configuration key it came from, e.g. "StationIo:Inputs:DoorClosed", as
    /// configured and as resolved against the board's defaults.</summary>
    public IEnumerable<(string Key, GpioLineOptions Configured, GpioLine Line)> Lines()
    {
        var board = Board;
        foreach (var input in Enum.GetValues<StationInput>())
        {
            var configured = Inputs.For(input);
            yield return ($"{Section}:Inputs:{input}", configured, configured.Over(board.DefaultInput(input)));
        }

        foreach (var output in Enum.GetValues<StationOutput>())
        {
            var configured = Outputs.For(output);
            yield return ($"{Section}:Outputs:{output}", configured, configured.Over(board.DefaultOutput(output)));
        }
    }

    public StationIoMap ToMap()
    {
        var board = Board;
        return new(
            Enum.GetValues<StationInput>().ToDictionary(i => i, i => Inputs.For(i).Over(board.DefaultInput(i))),
            Enum.GetValues<StationOutput>().ToDictionary(o => o, o => Outputs.For(o).Over(board.DefaultOutput(o))));
    }
}

/// <summary>Where the I2C expanders are (section "StationIo:I2c"); read only for Mcp23017 and Pcf8574.</summary>
public sealed class I2cOptions
{
    public I2cBusKind Bus { get; set; } = I2cBusKind.Host;

    /// <summary>N of /dev/i2c-N (1 on a Raspberry Pi's header); the USB bridges have one bus.</summary>
    public int BusId { get; set; } = 1;

    /// <summary>The 7-bit address of chip 0 (decimal or 0x-hex); chip N answers at Address + N.</summary>
    public int Address { get; set; } = 0x20;
}

/// <summary>One signal's line; a value left out takes the board's default.</summary>
public sealed class GpioLineOptions
{
    public int? Chip { get; set; }

    public int? Line { get; set; }

    public bool? ActiveLow { get; set; }

    /// <summary>How long a return to the healthy state must hold before it counts (inputs only).</summary>
    public int? DebounceMs { get; set; }

    /// <summary>Switches on the chip's own pull-up (inputs only; the MCP23017 and libgpiod v2 chips have one).</summary>
    public bool? PullUp { get; set; }

    public GpioLine Over(GpioLine board) =>
        new(Chip ?? board.Chip, Line ?? board.Line, ActiveLow ?? board.ActiveLow, DebounceMs ?? board.DebounceMs, PullUp ?? board.PullUp);
}

public sealed class StationInputOptions
{
    public GpioLineOptions DoorClosed { get; set; } = new();

    public GpioLineOptions EStopOk { get; set; } = new();

    public GpioLineOptions TrayPresent { get; set; } = new();

    public GpioLineOptions ClampClosed { get; set; } = new();

    public GpioLineOptions AirOk { get; set; } = new();

    public GpioLineOptions FumeExtractorOk { get; set; } = new();

    public GpioLineOptions For(StationInput input) => input switch
    {
        StationInput.DoorClosed => DoorClosed,
        StationInput.EStopOk => EStopOk,
        StationInput.TrayPresent => TrayPresent,
        StationInput.ClampClosed => ClampClosed,
        StationInput.AirOk => AirOk,
        StationInput.FumeExtractorOk => FumeExtractorOk,
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "No such station input."),
    };
}

public sealed class StationOutputOptions
{
    public GpioLineOptions LaserEnable { get; set; } = new();

    public GpioLineOptions Clamp { get; set; } = new();

    public GpioLineOptions AirAssist { get; set; } = new();

    public GpioLineOptions FumeExtractor { get; set; } = new();

    public GpioLineOptions StackLightRed { get; set; } = new();

    public GpioLineOptions StackLightAmber { get; set; } = new();

    public GpioLineOptions StackLightGreen { get; set; } = new();

    public GpioLineOptions Buzzer { get; set; } = new();

    public GpioLineOptions For(StationOutput output) => output switch
    {
        StationOutput.LaserEnable => LaserEnable,
        StationOutput.Clamp => Clamp,
        StationOutput.AirAssist => AirAssist,
        StationOutput.FumeExtractor => FumeExtractor,
        StationOutput.StackLightRed => StackLightRed,
        StationOutput.StackLightAmber => StackLightAmber,
        StationOutput.StackLightGreen => StackLightGreen,
        StationOutput.Buzzer => Buzzer,
        _ => throw new ArgumentOutOfRangeException(nameof(output), output, "No such station output."),
    };
}
