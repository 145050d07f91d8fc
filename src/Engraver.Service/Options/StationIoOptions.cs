using Engraver.Hardware.Gpio;

namespace Engraver.Service.Options;

public enum GpioDriverKind
{
    /// <summary>The twin's GPIO chips: every input healthy until a test or the simulator changes it.</summary>
    Simulated,

    /// <summary>Linux GPIO character devices (/dev/gpiochipN) through libgpiod.</summary>
    Libgpiod,
}

/// <summary>The station's interlock inputs and outputs (section "StationIo"). Defaults: every signal on
/// gpiochip0, inputs on lines 0-5, active-low with 5 ms debounce; outputs on lines 10-17, active-high.</summary>
public sealed class StationIoOptions
{
    public const string Section = "StationIo";

    public GpioDriverKind Driver { get; set; } = GpioDriverKind.Simulated;

    public StationInputOptions Inputs { get; set; } = new();

    public StationOutputOptions Outputs { get; set; } = new();

    /// <summary>Every line with the configuration key it came from, e.g. "StationIo:Inputs:DoorClosed".</summary>
    public IEnumerable<(string Key, GpioLineOptions Line)> Lines()
    {
        foreach (var input in Enum.GetValues<StationInput>())
        {
            yield return ($"{Section}:Inputs:{input}", Inputs.For(input));
        }

        foreach (var output in Enum.GetValues<StationOutput>())
        {
            yield return ($"{Section}:Outputs:{output}", Outputs.For(output));
        }
    }

    public StationIoMap ToMap() => new(
        Enum.GetValues<StationInput>().ToDictionary(i => i, i => Inputs.For(i).ToLine()),
        Enum.GetValues<StationOutput>().ToDictionary(o => o, o => Outputs.For(o).ToLine()));
}

public sealed class GpioLineOptions
{
    public int Chip { get; set; }

    public int Line { get; set; } = -1;

    public bool ActiveLow { get; set; }

    /// <summary>How long a return to the healthy state must hold before it counts (inputs only).</summary>
    public int DebounceMs { get; set; }

    public GpioLine ToLine() => new(Chip, Line, ActiveLow, DebounceMs);

    internal static GpioLineOptions Input(int line) => new() { Line = line, ActiveLow = true, DebounceMs = 5 };

    internal static GpioLineOptions Output(int line) => new() { Line = line };
}

public sealed class StationInputOptions
{
    public GpioLineOptions DoorClosed { get; set; } = GpioLineOptions.Input(0);

    public GpioLineOptions EStopOk { get; set; } = GpioLineOptions.Input(1);

    public GpioLineOptions TrayPresent { get; set; } = GpioLineOptions.Input(2);

    public GpioLineOptions ClampClosed { get; set; } = GpioLineOptions.Input(3);

    public GpioLineOptions AirOk { get; set; } = GpioLineOptions.Input(4);

    public GpioLineOptions FumeExtractorOk { get; set; } = GpioLineOptions.Input(5);

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
    public GpioLineOptions LaserEnable { get; set; } = GpioLineOptions.Output(10);

    public GpioLineOptions Clamp { get; set; } = GpioLineOptions.Output(11);

    public GpioLineOptions AirAssist { get; set; } = GpioLineOptions.Output(12);

    public GpioLineOptions FumeExtractor { get; set; } = GpioLineOptions.Output(13);

    public GpioLineOptions StackLightRed { get; set; } = GpioLineOptions.Output(14);

    public GpioLineOptions StackLightAmber { get; set; } = GpioLineOptions.Output(15);

    public GpioLineOptions StackLightGreen { get; set; } = GpioLineOptions.Output(16);

    public GpioLineOptions Buzzer { get; set; } = GpioLineOptions.Output(17);

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
