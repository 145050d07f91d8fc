using Engraver.Hardware.Gpio;

namespace Engraver.Service.Options;

/// <summary>What the station needs to know about a board before opening it: how many lines one chip has
/// (null: ask the chip when it is opened), how many chips it can be, whether it reports edges or must be
/// polled, which I2C addresses it answers on, and where each signal goes when the configuration does not say.</summary>
public sealed record StationIoBoard(
    GpioDriverKind Kind,
    int? LinesPerChip,
    int MaxChip,
    bool ReportsEdges,
    IReadOnlyList<(int First, int Last)> I2cAddresses,
    int OutputChip,
    int FirstOutputLine,
    bool OutputsActiveLow,
    bool InputPullUp)
{
    /// <summary>The six inputs on chip 0, lines 0-5, active-low (a contact to ground), 5 ms debounce.</summary>
    public const int InputDebounceMs = 5;

    public bool IsI2cExpander => I2cAddresses.Count > 0;

    public static StationIoBoard For(GpioDriverKind kind) => kind switch
    {
        // The twin's chips have 64 lines; the defaults are those of a Raspberry Pi HAT on gpiochip0.
        GpioDriverKind.Simulated => new(kind, 64, 63, ReportsEdges: true, [], 0, 10, OutputsActiveLow: false, InputPullUp: false),
        GpioDriverKind.Libgpiod => new(kind, null, 63, ReportsEdges: true, [], 0, 10, OutputsActiveLow: false, InputPullUp: false),

        // ADBUS0-7 inputs (lines 0-7), ACBUS0-7 outputs (lines 8-15), as the binding numbers them.
        GpioDriverKind.Ft232h => new(kind, 16, 0, ReportsEdges: false, [], 0, 8, OutputsActiveLow: false, InputPullUp: false),

        // Four GPIO: too few for the station's 14 signals on its own (the validator says so).
        GpioDriverKind.Ft4222 => new(kind, 4, 0, ReportsEdges: false, [], 0, 0, OutputsActiveLow: false, InputPullUp: false),

        // GPA0-7 inputs with the chip's 100 kOhm pull-ups, GPB0-7 outputs. Chip N answers at Address + N.
        GpioDriverKind.Mcp23017 => new(kind, 16, 7, ReportsEdges: false, [(0x20, 0x27)], 0, 8, OutputsActiveLow: false, InputPullUp: true),

        // Eight quasi-bidirectional lines: inputs on the first chip, outputs on the second (Address + 1).
        // The chip sinks current and only weakly sources it, and powers up with every latch High, so the
        // outputs are active-low: a relay is off until the station pulls its line Low.
        GpioDriverKind.Pcf8574 => new(kind, 8, 7, ReportsEdges: false, [(0x20, 0x27), (0x38, 0x3F)], 1, 0, OutputsActiveLow: true, InputPullUp: false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such station I/O driver."),
    };

    public GpioLine DefaultInput(StationInput input) => new(0, (int)input, ActiveLow: true, InputDebounceMs, InputPullUp);

    public GpioLine DefaultOutput(StationOutput output) => new(OutputChip, FirstOutputLine + (int)output, OutputsActiveLow);

    /// <summary>"the Mcp23017 has lines 0..15", for messages.</summary>
    public string LinesText => LinesPerChip is { } count ? $"the {Kind} has lines 0..{count - 1}" : $"the {Kind} chip has fewer lines";

    public string AddressesText => string.Join(" or ", I2cAddresses.Select(a => $"0x{a.First:X2}..0x{a.Last:X2}"));
}
