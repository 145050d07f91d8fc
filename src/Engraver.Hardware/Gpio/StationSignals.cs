namespace Engraver.Hardware.Gpio;

/// <summary>Station inputs, each named for its healthy state: true means door closed, e-stop released, ...</summary>
public enum StationInput
{
    DoorClosed,
    EStopOk,
    TrayPresent,
    ClampClosed,
    AirOk,
    FumeExtractorOk,
}

/// <summary>Station outputs; true means energised (relay closed, lamp lit).</summary>
public enum StationOutput
{
    /// <summary>The safety relay in the laser's power supply enable line.</summary>
    LaserEnable,
    Clamp,
    AirAssist,
    FumeExtractor,
    StackLightRed,
    StackLightAmber,
    StackLightGreen,
    Buzzer,
}

/// <summary>One GPIO line: chip (gpiochipN), line offset on it, whether low means asserted, and how long a
/// change must hold before it counts (inputs only).</summary>
public sealed record GpioLine(int Chip, int Line, bool ActiveLow = false, int DebounceMs = 0);

/// <summary>A debounced input change, in station terms.</summary>
public sealed record StationInputChanged(StationInput Input, bool Value);
