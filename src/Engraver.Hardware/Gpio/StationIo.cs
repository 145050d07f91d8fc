using System.Device.Gpio;

namespace Engraver.Hardware.Gpio;

/// <summary>The station's inputs and outputs through <see cref="GpioController"/>s, one per chip. Inputs
/// are reported in station terms (true = healthy) after debouncing: a change to the unhealthy value counts
/// at once (a door opening must never wait), a change back must hold for the line's debounce time.
/// Outputs start de-energised. Events come from the driver's threads: marshal them before acting.</summary>
public sealed class StationIo : IDisposable
{
    private readonly StationIoMap _map;
    private readonly TimeProvider _clock;
    private readonly Dictionary<int, GpioController> _controllers = [];
    private readonly Dictionary<StationInput, InputLine> _inputs = [];
    private readonly Dictionary<StationOutput, bool> _outputs = [];
    private readonly Lock _outputGate = new();

    public StationIo(StationIoMap map, Func<int, GpioDriver> driverForChip, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(driverForChip);
        _map = map;
        _clock = clock ?? TimeProvider.System;
        try
        {
            foreach (var chip in map.Chips)
            {
                _controllers[chip] = new GpioController(driverForChip(chip));
            }

            foreach (var (output, line) in map.Outputs)
            {
                _controllers[line.Chip].OpenPin(line.Line, PinMode.Output, Level(line, on: false));
                _outputs[output] = false;
            }

            foreach (var (input, line) in map.Inputs)
            {
                var controller = _controllers[line.Chip];
                controller.OpenPin(line.Line, PinMode.Input);
                var state = new InputLine(input, line, Logical(line, controller.Read(line.Line)));
                _inputs[input] = state;
                controller.RegisterCallbackForPinValueChangedEvent(line.Line, PinEventTypes.Rising | PinEventTypes.Falling, (_, _) => OnEdge(state));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A debounced input changed. Raised on a driver or timer thread.</summary>
    public event EventHandler<StationInputChanged>? InputChanged;

    public StationIoMap Map => _map;

    public bool Read(StationInput input)
    {
        var state = _inputs[input];
        lock (state)
        {
            return state.Stable;
        }
    }

    public IReadOnlyDictionary<StationInput, bool> ReadAll() => _inputs.Keys.ToDictionary(i => i, Read);

    public void Write(StationOutput output, bool on)
    {
        var line = _map.Outputs[output];
        lock (_outputGate)
        {
            if (_outputs[output] == on)
            {
                return;
            }

            _controllers[line.Chip].Write(line.Line, Level(line, on));
            _outputs[output] = on;
        }
    }

    /// <summary>What the station last wrote to an output.</summary>
    public bool IsOn(StationOutput output)
    {
        lock (_outputGate)
        {
            return _outputs[output];
        }
    }

    public void Dispose()
    {
        foreach (var input in _inputs.Values)
        {
            lock (input)
            {
                input.Timer?.Dispose();
                input.Timer = null;
            }
        }

        // Closing a pin leaves an output as it was: drop the laser relay before letting go.
        var laser = _map.Outputs[StationOutput.LaserEnable];
        if (_outputs.ContainsKey(StationOutput.LaserEnable) && _controllers.TryGetValue(laser.Chip, out var laserChip))
        {
            laserChip.Write(laser.Line, Level(laser, on: false));
        }

        foreach (var controller in _controllers.Values)
        {
            controller.Dispose();
        }

        _controllers.Clear();
    }

    private void OnEdge(InputLine state)
    {
        var controller = _controllers[state.Line.Chip];
        var now = Logical(state.Line, controller.Read(state.Line.Line));
        lock (state)
        {
            state.Timer?.Dispose();
            state.Timer = null;
            if (!now || state.Line.DebounceMs == 0)
            {
                Settle(state, now);
                return;
            }

            state.Timer = _clock.CreateTimer(_ => OnDebounced(state), null, TimeSpan.FromMilliseconds(state.Line.DebounceMs), Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDebounced(InputLine state)
    {
        if (!_controllers.TryGetValue(state.Line.Chip, out var controller))
        {
            return;
        }

        var now = Logical(state.Line, controller.Read(state.Line.Line));
        lock (state)
        {
            state.Timer?.Dispose();
            state.Timer = null;
            Settle(state, now);
        }
    }

    /// <summary>Called under the input's lock, so events for one input are raised in order.</summary>
    private void Settle(InputLine state, bool value)
    {
        if (state.Stable == value)
        {
            return;
        }

        state.Stable = value;
        InputChanged?.Invoke(this, new StationInputChanged(state.Input, value));
    }

    private static bool Logical(GpioLine line, PinValue level) => (level == PinValue.High) != line.ActiveLow;

    private static PinValue Level(GpioLine line, bool on) => on != line.ActiveLow ? PinValue.High : PinValue.Low;

    private sealed class InputLine(StationInput input, GpioLine line, bool stable)
    {
        public StationInput Input { get; } = input;

        public GpioLine Line { get; } = line;

        public bool Stable { get; set; } = stable;

        public ITimer? Timer { get; set; }
    }
}
