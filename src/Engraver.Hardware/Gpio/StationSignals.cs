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

/// <summary>One GPIO line: chip (gpiochipN, or the Nth expander), line offset on it, whether low means
/// asserted, how long a change must hold before it counts, and whether the chip's own pull-up is switched
/// on (the last two for inputs only).</summary>
public sealed record GpioLine(int Chip, int Line, bool ActiveLow = false, int DebounceMs = 0, bool PullUp = false);

/// <summary>A debounced input change, in station terms.</summary>
public sealed record StationInputChanged(StationInput Input, bool Value);

/// <summary>The station I/O could not be read or written (an I2C error, a USB bridge unplugged). Every input
/// has been reported unhealthy by then, so the station stops and drops laser-enable as for an e-stop.</summary>
public sealed record StationIoFault(string What, Exception Error);
