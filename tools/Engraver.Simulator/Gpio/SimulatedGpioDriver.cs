using System.Collections.Concurrent;
using System.Device.Gpio;

namespace Engraver.Simulator.Gpio;

/// <summary>One simulated GPIO chip behind the real <see cref="GpioController"/>: the twin and tests drive
/// input lines with <see cref="SetInput"/> (edges reach registered callbacks as on hardware) and read what
/// the station wrote with <see cref="ReadOutput"/>.</summary>
public sealed class SimulatedGpioDriver(int lineCount = 64) : GpioDriver
{
    private readonly ConcurrentDictionary<int, SimulatedLine> _lines = new();

    protected override int PinCount => lineCount;

    /// <summary>Set to make every read and write fail as a GPIO chip that went away does (EIO).</summary>
    public bool Unplugged { get; set; }

    /// <summary>Sets the electrical level of a line as the outside world would; fires edge callbacks when it changes.</summary>
    public void SetInput(int line, PinValue value)
    {
        var state = Line(line);
        List<(PinEventTypes Types, PinChangeEventHandler Handler)> handlers;
        lock (state)
        {
            if (state.Level == value)
            {
                return;
            }

            state.Level = value;
            handlers = [.. state.Callbacks];
        }

        var edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var (types, handler) in handlers.Where(h => (h.Types & edge) != 0))
        {
            handler(this, new PinValueChangedEventArgs(edge, line));
        }
    }

    /// <summary>The level of a line: what the station last wrote to an output, or what was set on an input.</summary>
    public PinValue ReadOutput(int line) => Line(line).Level;

    /// <summary>The mode the station opened the line in, or null when it is not open.</summary>
    public PinMode? ModeOf(int line) => _lines.TryGetValue(line, out var state) && state.Open ? state.Mode : null;

    protected override void OpenPin(int pinNumber) => Line(pinNumber).Open = true;

    protected override void ClosePin(int pinNumber)
    {
        var state = Line(pinNumber);
        lock (state)
        {
            state.Open = false;
            state.Callbacks.Clear();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode) => Line(pinNumber).Mode = mode;

    protected override PinMode GetPinMode(int pinNumber) => Line(pinNumber).Mode;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber) => Present() ? Line(pinNumber).Level : default;

    protected override void Write(int pinNumber, PinValue value)
    {
        if (Present())
        {
            Line(pinNumber).Level = value;
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The simulated chip reports edges through callbacks only.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        var state = Line(pinNumber);
        lock (state)
        {
            state.Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        var state = Line(pinNumber);
        lock (state)
        {
            state.Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    public override GpioChipInfo GetChipInfo() => new(0, "sim-gpiochip", "simulated", lineCount);

    private bool Present() => !Unplugged ? true : throw new IOException("Input/output error: the GPIO chip does not answer.");

    private SimulatedLine Line(int line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, lineCount);
        return _lines.GetOrAdd(line, _ => new SimulatedLine());
    }

    private sealed class SimulatedLine
    {
        public bool Open { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Level { get; set; } = PinValue.Low;

        public List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks { get; } = [];
    }
}
