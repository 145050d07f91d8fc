using System.Device.Gpio;

namespace Engraver.Hardware.Gpio;

/// <summary>The station's inputs and outputs through <see cref="GpioController"/>s, one per chip. Inputs
/// are reported in station terms (true = healthy) after debouncing: a change to the unhealthy value counts
/// at once (a door opening must never wait), a change back must hold for the line's debounce time.
/// Outputs start de-energised. Chips that report edges (libgpiod, the twin) are read on each edge; chips
/// that do not (I2C expanders without an interrupt line, USB bridges) are polled. A read or write that fails
/// is a fault: it is reported through <see cref="Faulted"/> and every input reads unhealthy until a read
/// succeeds again, so the station stops as for an e-stop. Events come from the driver's or timer's threads:
/// marshal them before acting.</summary>
public sealed class StationIo : IDisposable
{
    private readonly StationIoMap _map;
    private readonly TimeProvider _clock;
    private readonly Dictionary<int, GpioController> _controllers = [];
    private readonly Dictionary<StationInput, InputLine> _inputs = [];
    private readonly Dictionary<StationOutput, bool> _outputs = [];
    private readonly Lock _outputGate = new();
    private readonly Lock _pollGate = new();
    private readonly TimeSpan _pollEvery;
    private ITimer? _pollTimer;
    private bool _disposed;

    /// <param name="pollEvery">Zero: inputs are read on the driver's edge events. Otherwise every input is
    /// read this often, for drivers that raise no edges.</param>
    public StationIo(StationIoMap map, Func<int, GpioDriver> driverForChip, TimeProvider? clock = null, TimeSpan pollEvery = default)
        : this(map, ControllerOver(driverForChip), clock, pollEvery)
    {
    }

    /// <summary>For boards whose binding hands out a ready <see cref="GpioController"/> (the USB bridges).</summary>
    public StationIo(StationIoMap map, Func<int, GpioController> controllerForChip, TimeProvider? clock = null, TimeSpan pollEvery = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(controllerForChip);
        _map = map;
        _clock = clock ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(pollEvery, TimeSpan.Zero);
        _pollEvery = pollEvery;
        try
        {
            foreach (var chip in map.Chips)
            {
                _controllers[chip] = controllerForChip(chip);
            }

            foreach (var (output, line) in map.Outputs)
            {
                _controllers[line.Chip].OpenPin(line.Line, PinMode.Output, Level(line, on: false));
                _outputs[output] = false;
            }

            foreach (var (input, line) in map.Inputs)
            {
                var controller = _controllers[line.Chip];
                controller.OpenPin(line.Line, line.PullUp ? PinMode.InputPullUp : PinMode.Input);
                var level = controller.Read(line.Line);
                var state = new InputLine(input, line, Logical(line, level)) { LastLevel = level };
                _inputs[input] = state;
                if (_pollEvery == TimeSpan.Zero)
                {
                    controller.RegisterCallbackForPinValueChangedEvent(line.Line, PinEventTypes.Rising | PinEventTypes.Falling, (_, _) => OnEdge(state));
                }
            }

            if (_pollEvery > TimeSpan.Zero)
            {
                _pollTimer = _clock.CreateTimer(_ => Poll(), null, _pollEvery, Timeout.InfiniteTimeSpan);
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

    /// <summary>A read or write failed; raised once per failing operation, after the inputs went unhealthy.</summary>
    public event EventHandler<StationIoFault>? Faulted;

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

            try
            {
                _controllers[line.Chip].Write(line.Line, Level(line, on));
            }
            catch (Exception e) when (IsDeviceFault(e))
            {
                // Left as it was, so the next cycle writes it again; the station stops meanwhile.
                Fault($"writing output {output} (chip {line.Chip} line {line.Line})", e);
                return;
            }

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
        lock (_pollGate)
        {
            _disposed = true;
            _pollTimer?.Dispose();
            _pollTimer = null;
        }

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
            try
            {
                laserChip.Write(laser.Line, Level(laser, on: false));
            }
            catch (Exception e) when (IsDeviceFault(e))
            {
                // A device that is gone cannot be written; the hardware interlock loop holds the laser off.
            }
        }

        foreach (var controller in _controllers.Values)
        {
            try
            {
                controller.Dispose();
            }
            catch (Exception e) when (IsDeviceFault(e))
            {
                // Closing pins on a device that is gone fails the same way; nothing is left to release.
            }
        }

        _controllers.Clear();
    }

    private void OnEdge(InputLine state)
    {
        if (TryRead(state) is { } level)
        {
            Apply(state, Logical(state.Line, level));
        }
    }

    /// <summary>Reads every input; a level that changed since the last poll counts as an edge. The next
    /// poll is armed only after this one, so a slow bus never runs two at once.</summary>
    private void Poll()
    {
        DropLaserIfFaulted();
        foreach (var state in _inputs.Values)
        {
            if (TryRead(state) is { } level && level != state.LastLevel)
            {
                state.LastLevel = level;
                Apply(state, Logical(state.Line, level));
            }
        }

        lock (_pollGate)
        {
            _pollTimer?.Dispose();
            _pollTimer = _disposed ? null : _clock.CreateTimer(_ => Poll(), null, _pollEvery, Timeout.InfiniteTimeSpan);
        }
    }

    private void DropLaserIfFaulted()
    {
        if (_inputs.Values.Any(i => i.LastLevel is null))
        {
            DropLaser();
        }
    }

    /// <summary>The line's level, or null when the read failed (then the fault has been reported).</summary>
    private PinValue? TryRead(InputLine state)
    {
        if (!_controllers.TryGetValue(state.Line.Chip, out var controller))
        {
            return null;
        }

        try
        {
            return controller.Read(state.Line.Line);
        }
        catch (Exception e) when (IsDeviceFault(e))
        {
            state.LastLevel = null;
            Fault($"reading input {state.Input} (chip {state.Line.Chip} line {state.Line.Line})", e);
            return null;
        }
    }

    /// <summary>Fail safe: nothing read from a failing device can be trusted, so every input goes unhealthy
    /// at once (the door reads open, the e-stop pressed) and stays so until its line is read again.</summary>
    private void Fault(string what, Exception error)
    {
        foreach (var state in _inputs.Values)
        {
            lock (state)
            {
                state.Timer?.Dispose();
                state.Timer = null;
                state.LastLevel = null;
                Settle(state, false);
            }
        }

        Faulted?.Invoke(this, new StationIoFault(what, error));
        DropLaser();
    }

    /// <summary>After a fault the laser relay is dropped at once, not at the station's next cycle; while the
    /// device does not answer, each poll tries again.</summary>
    private void DropLaser()
    {
        if (!_map.Outputs.TryGetValue(StationOutput.LaserEnable, out var laser) || !_controllers.TryGetValue(laser.Chip, out var controller))
        {
            return;
        }

        lock (_outputGate)
        {
            if (!_outputs.GetValueOrDefault(StationOutput.LaserEnable))
            {
                return;
            }

            try
            {
                controller.Write(laser.Line, Level(laser, on: false));
                _outputs[StationOutput.LaserEnable] = false;
            }
            catch (Exception e) when (IsDeviceFault(e))
            {
                // Still gone: a device without power holds no relay; the next poll or write tries again.
            }
        }
    }

    private void Apply(InputLine state, bool now)
    {
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
        if (TryRead(state) is not { } level)
        {
            return;
        }

        var now = Logical(state.Line, level);
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

    /// <summary>What a bus or USB device throws when it is unplugged or stops answering; a programming error
    /// (an argument out of range) is not a device fault and still surfaces.</summary>
    private static bool IsDeviceFault(Exception e) => e is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException or System.ComponentModel.Win32Exception;

    private static Func<int, GpioController> ControllerOver(Func<int, GpioDriver> driverForChip)
    {
        ArgumentNullException.ThrowIfNull(driverForChip);
        return chip => new GpioController(driverForChip(chip));
    }

    private static bool Logical(GpioLine line, PinValue level) => (level == PinValue.High) != line.ActiveLow;

    private static PinValue Level(GpioLine line, bool on) => on != line.ActiveLow ? PinValue.High : PinValue.Low;

    private sealed class InputLine(StationInput input, GpioLine line, bool stable)
    {
        public StationInput Input { get; } = input;

        public GpioLine Line { get; } = line;

        public bool Stable { get; set; } = stable;

        public ITimer? Timer { get; set; }

        /// <summary>The level last read by a poll; null after a failed read, so the next good read counts.</summary>
        public PinValue? LastLevel { get; set; }
    }
}
