using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Engraver.Core.Geometry;
using Engraver.Simulator.Laser;
using Engraver.Simulator.Pty;

namespace Engraver.Simulator.Grbl;

/// <summary>A GRBL 1.1h laser controller on a real pseudo-terminal. Realtime bytes ('?', '!', '~',
/// Ctrl-X) are handled as they arrive; other bytes go through a <see cref="SimulatorOptions.RxBufferBytes"/>
/// receive buffer to a line parser that stalls while the planner is full, exactly the behaviour
/// character-counting senders rely on.</summary>
public sealed class GrblSimulator : IBurnLogSource, IAsyncDisposable
{
    private const byte StatusQuery = (byte)'?';
    private const byte FeedHold = (byte)'!';
    private const byte CycleStart = (byte)'~';
    private const byte SoftReset = 0x18;
    private const byte SafetyDoor = 0x84;
    private const byte JogCancel = 0x85;
    private const string Banner = "\r\nGrbl 1.1h ['$' for help]\r\n";
    private const string UnlockMessage = "[MSG:'$H'|'$X' to unlock]\r\n";
    private const string ResetMessage = "[MSG:Reset to continue]\r\n";
    private const int AlarmHardLimit = 1;
    private const int AlarmSoftLimit = 2;
    private const int AlarmAbortCycle = 3;
    private const int AlarmHomingReset = 6;

    private PseudoTerminal _pty;
    private readonly SimulatorOptions _options;
    private readonly GrblSettings _settings = new();
    private readonly SerialReceiveBuffer _rx;
    private readonly int _rxBytes;
    private readonly MotionPlanner _planner;
    private readonly GCodeInterpreter _interpreter;
    private readonly LineAssembler _assembler = new();
    private readonly ControllerFlags _flags = new();
    private readonly Overrides _overrides = new();
    private readonly GrblLineExecutor _executor;
    private readonly CancellationTokenSource _lifetime = new();
    private CancellationTokenSource _session = new();
    private Task _sessionTasks = Task.CompletedTask;
    private Task _receiveTask = Task.CompletedTask;
    private readonly Channel<ReceivedChunk> _outbound = Channel.CreateUnbounded<ReceivedChunk>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WireClock? _inboundWire;
    private readonly WireClock? _outboundWire;
    private Task _transmitTask = Task.CompletedTask;
    private volatile bool _unplugged;
    private readonly Lock _stallGate = new();
    private readonly List<string> _heldReplies = [];
    private readonly List<byte> _realtime = [];
    private TaskCompletionSource _running = NewSignal();
    private bool _stalled;
    private bool _parserReading = true;

    // After a hard or soft limit GRBL sits in a loop that only a soft reset leaves (protocol.c, critical
    // event): it answers nothing meanwhile, not even '?'. The line whose move raised it is answered "ok"
    // when the reset lets the parser return, just before the banner.
    private volatile bool _waitingForReset;

    private GrblSimulator(PseudoTerminal pty, SimulatorOptions options)
    {
        _pty = pty;
        _options = options;
        _rx = new SerialReceiveBuffer(options.RxBufferBytes);
        _rxBytes = options.RxBufferBytes;
        _planner = new MotionPlanner(options.PlannerBlocks, options.TimeScale);
        _interpreter = new GCodeInterpreter(() => _settings);
        _executor = new GrblLineExecutor(_settings, _interpreter, _planner, _flags, Faults, options, _overrides);
        Faults.StallChanged += OnStallChanged;
        if (options.BaudRate > 0)
        {
            _inboundWire = new WireClock(options.BaudRate);
            _outboundWire = new WireClock(options.BaudRate);
        }
    }

    /// <summary>The serial device a client opens, e.g. /dev/pts/3 (a new one after <see cref="Replug"/>).</summary>
    public string PortPath => _pty.SlavePath;

    /// <summary>The stable path that names <see cref="PortPath"/> (<see cref="SimulatorOptions.LinkPath"/>), or null.</summary>
    public string? LinkPath => _options.LinkPath;

    public SimulatorFaults Faults { get; } = new();

    /// <summary>Faults of the wire itself: lost, corrupted or noise bytes, a silent controller.</summary>
    public LinkFaults LinkFaults { get; } = new();

    /// <summary>Non-empty G-code lines received since start or the last soft reset.</summary>
    public int LinesReceived => _flags.LinesReceived;

    /// <summary>The last few thousand G-code lines received ($ commands and realtime bytes aside), oldest first.</summary>
    public IReadOnlyList<string> RecentLines() => _flags.RecentLines();

    /// <summary>The realtime commands received since start (status queries aside), oldest first: what a test checks
    /// the controller was told to stop, hold or reset with.</summary>
    public IReadOnlyList<byte> RealtimeReceived()
    {
        lock (_realtime)
        {
            return [.. _realtime];
        }
    }

    /// <summary>Bytes lost because a sender overfilled the receive buffer. A correct sender keeps it 0.</summary>
    public int RxOverruns => _rx.Overruns;

    public Point2 MachinePosition => _planner.Position.Xy;

    /// <summary>The machine Z of the head now: the camera twin's focus follows it.</summary>
    public double? MachineZ => _planner.Position.Z;

    /// <summary>Wall-clock seconds the controller spent in motion, dwell or homing since start.</summary>
    public double BusySeconds => _planner.BusySeconds;

    /// <summary>The state word a status report would show now, e.g. "Idle", "Run", "Hold:0", "Alarm".</summary>
    public string State => StateWord();

    public static GrblSimulator Start(SimulatorOptions? options = null)
    {
        options ??= new SimulatorOptions();
        options.Validate();
        var simulator = new GrblSimulator(PseudoTerminal.Open(), options);
        simulator.PublishLink();
        simulator.PowerUp();
        return simulator;
    }

    /// <summary>The laser's hardware interlock loop, e.g. the station's door switch in series with its
    /// laser-enable relay; the beam is on only while this returns true. Always closed by default.</summary>
    public Func<bool> LaserInterlock
    {
        get => _planner.LaserInterlock;
        set => _planner.LaserInterlock = value;
    }

    /// <summary>Pulls the cable: the pseudo-terminal's master end closes mid-stream, the controller keeps
    /// executing what it had buffered and can no longer answer. Dispose still cleans up.</summary>
    public void Unplug()
    {
        _unplugged = true;
        _pty.Dispose();
    }

    /// <summary>True unless the cable was pulled (<see cref="Unplug"/>).</summary>
    public bool IsPlugged => !_unplugged;

    /// <summary>A limit switch trips (a hard limit, ALARM:1), whatever the controller is doing: motion stops at
    /// once, buffered lines are dropped, and it asks for a reset before it can be unlocked or homed.</summary>
    public Task TripHardLimitAsync() => RaiseAlarmAsync(AlarmHardLimit);

    /// <summary>Plugs the cable in again after <see cref="Unplug"/>: a new pseudo-terminal (at <see cref="LinkPath"/>
    /// when one is set); the controller kept its power, position and settings, and answers again.</summary>
    public void Replug()
    {
        if (!_unplugged)
        {
            throw new InvalidOperationException("The cable is plugged in.");
        }

        _pty = PseudoTerminal.Open();
        PublishLink();
        _unplugged = false;
        _receiveTask = Task.Run(() => ReceiveLoopAsync(_pty, _lifetime.Token));
    }
    /// <summary>The controller loses power and comes back mid-job: everything buffered is forgotten and
    /// the banner appears unasked, as after a brown-out or a USB reset of the board.</summary>
    public async Task RebootAsync()
    {
        await StopSessionAsync().ConfigureAwait(false);
        _waitingForReset = false;
        _rx.Clear();
        _assembler.Reset();
        _planner.Clear();
        _flags.ResetLineCount();
        _overrides.Reset();
        _flags.Alarm = _settings.HomingEnabled;
        _interpreter.Reset(Position3.Zero);
        _planner.SetPosition(Position3.Zero);
        StartSession();
        Send(Banner + (_flags.Alarm ? UnlockMessage : string.Empty));
    }

    public IReadOnlyList<BurnSegment> BurnLogSnapshot() => _planner.BurnLogSnapshot();

    /// <summary>The burn log with when each segment burned (<see cref="System.Diagnostics.Stopwatch"/> timestamps).</summary>
    public IReadOnlyList<TimedBurn> TimedBurnLogSnapshot() => _planner.TimedBurnLogSnapshot();

    /// <summary>When the safety-door byte stopped the controller (<see cref="System.Diagnostics.Stopwatch"/> timestamps).</summary>
    public IReadOnlyList<long> DoorStops => _planner.DoorStops;

    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellation(_receiveTask).ConfigureAwait(false);
        await StopSessionAsync().ConfigureAwait(false);
        _outbound.Writer.TryComplete();
        await IgnoreCancellation(_transmitTask).ConfigureAwait(false);
        _pty.Dispose();
        _session.Dispose();
        _lifetime.Dispose();
        if (_options.LinkPath is { } link && new FileInfo(link).LinkTarget == _pty.SlavePath)
        {
            File.Delete(link);
        }
    }

    /// <summary>Points <see cref="LinkPath"/> at the current pseudo-terminal: made beside it and renamed over the
    /// old link, so a client never finds the path missing or half made.</summary>
    private void PublishLink()
    {
        if (_options.LinkPath is not { } link)
        {
            return;
        }

        var fresh = link + ".new";
        File.Delete(fresh);
        File.CreateSymbolicLink(fresh, _pty.SlavePath);
        File.Move(fresh, link, overwrite: true);
    }

    private void PowerUp()
    {
        // GRBL locks itself at power-up when homing is enabled, so nothing moves before $H.
        _flags.Alarm = _settings.HomingEnabled;
        _interpreter.Reset(Position3.Zero);
        StartSession();

        // Written before any client can listen, so it does not wait for the emulated wire.
        Write(Encoding.ASCII.GetBytes(Banner + (_flags.Alarm ? UnlockMessage : string.Empty)));
        _receiveTask = Task.Run(() => ReceiveLoopAsync(_pty, _lifetime.Token));
        if (_outboundWire is not null)
        {
            _transmitTask = Task.Run(() => TransmitLoopAsync(_lifetime.Token));
        }
    }

    private async Task ReceiveLoopAsync(PseudoTerminal pty, CancellationToken cancellationToken)
    {
        while (await pty.ReadChunkAsync(cancellationToken).ConfigureAwait(false) is { } chunk)
        {
            var data = chunk.Data;
            var start = 0;
            while (start < data.Length)
            {
                // Line by line: a line reaches the controller once its last byte has crossed the emulated
                // wire, not when the whole chunk the host wrote has.
                var end = Array.IndexOf(data, (byte)'\n', start);
                end = end < 0 ? data.Length : end + 1;
                if (_inboundWire is not null)
                {
                    await WireClock.WaitUntilAsync(_inboundWire.Book(end - start, chunk.ReceivedAt), cancellationToken).ConfigureAwait(false);
                }

                for (var i = start; i < end; i++)
                {
                    if (LinkFaults.OnReceived(data[i]) is { } value)
                    {
                        await OnByteAsync(value).ConfigureAwait(false);
                    }
                }

                start = end;
            }
        }
    }

    private async Task TransmitLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var chunk in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await WireClock.WaitUntilAsync(_outboundWire!.Book(chunk.Data.Length, chunk.ReceivedAt), cancellationToken).ConfigureAwait(false);
            Write(chunk.Data);
        }
    }

    private async ValueTask OnByteAsync(byte value)
    {
        if (_waitingForReset && value != SoftReset)
        {
            return;
        }

        if (value is FeedHold or CycleStart or SoftReset or >= 0x80)
        {
            lock (_realtime)
            {
                _realtime.Add(value);
            }
        }

        switch (value)
        {
            case StatusQuery:
                // GRBL's main loop writes the report; a frozen one does not.
                if (!Faults.IsStalled)
                {
                    Send(StatusReport());
                }

                break;
            case FeedHold:
                if (!_flags.Alarm)
                {
                    var jogging = _planner.IsJogging;
                    _planner.SetHold(true);
                    SyncAfterJog(jogging);
                }

                break;
            case CycleStart:
                _planner.Resume();
                break;
            case SafetyDoor:
                if (!_flags.Alarm)
                {
                    var jogging = _planner.IsJogging;
                    _planner.OpenDoor();
                    SyncAfterJog(jogging);
                }

                break;
            case JogCancel:
                // GRBL acts on it only in the Jog state (serial.c); the parser's position follows where the head stopped.
                SyncAfterJog(!_flags.Alarm && _planner.CancelJog());
                break;
            case SoftReset:
                await SoftResetAsync().ConfigureAwait(false);
                break;
            case >= 0x80:
                // Overrides apply to moves planned from now on; other extended commands are not simulated.
                _overrides.Apply(value);
                break;
            default:
                await _rx.WriteAsync(value, () => Volatile.Read(ref _parserReading) && !_stalled, _lifetime.Token).ConfigureAwait(false);
                break;
        }
    }

    private async Task SoftResetAsync()
    {
        var owedOk = _waitingForReset ? GrblLineExecutor.Ok : string.Empty;
        _waitingForReset = false;
        // GRBL's mc_reset: ALARM:3 only when reset in motion; a hold that has come to rest keeps the position.
        var alarm = _flags.Homing ? AlarmHomingReset : _planner.IsMoving ? AlarmAbortCycle : 0;
        await StopSessionAsync().ConfigureAwait(false);
        _rx.Clear();
        _assembler.Reset();
        _planner.Clear();
        _interpreter.Reset(_planner.Position);
        _overrides.Reset();
        _flags.ResetLineCount();
        var reply = string.Empty;
        if (alarm != 0)
        {
            // Position is no longer trusted after a reset in motion: lock until $H or $X.
            _flags.Alarm = true;
            reply = string.Create(CultureInfo.InvariantCulture, $"ALARM:{alarm}\r\n");
        }

        StartSession();
        Send(owedOk + reply + Banner + (_flags.Alarm ? UnlockMessage : string.Empty));
    }

    /// <summary>A cancelled jog leaves the parser's position where the head stopped (GRBL: gc_sync_position), once it has.</summary>
    private void SyncAfterJog(bool cancelled)
    {
        if (cancelled)
        {
            _ = Task.Run(async () =>
            {
                await _planner.WaitUntilStoppedAsync(_lifetime.Token).ConfigureAwait(false);
                _interpreter.SyncPosition(_planner.Position);
            });
        }
    }

    /// <summary>An alarm in motion (a hard limit): stop at once, drop buffered lines, lock, report.</summary>
    private async Task RaiseAlarmAsync(int code)
    {
        await StopSessionAsync().ConfigureAwait(false);
        _rx.Clear();
        _assembler.Reset();
        _planner.Clear();
        _interpreter.Reset(_planner.Position);
        _flags.Alarm = true;
        StartSession();
        // A limit is a critical event to GRBL: it asks for a reset, and only the reset's banner says to unlock.
        var critical = code is AlarmHardLimit or AlarmSoftLimit;
        _waitingForReset = critical;
        var message = critical ? ResetMessage : UnlockMessage;
        Send(string.Create(CultureInfo.InvariantCulture, $"ALARM:{code}\r\n") + message);
    }

    private void StartSession()
    {
        _session.Dispose();
        _session = new CancellationTokenSource();
        var token = _session.Token;
        _sessionTasks = Task.WhenAll(
            Task.Run(() => _planner.RunAsync(token), token),
            Task.Run(() => ParseLoopAsync(token), token));
    }

    private async Task StopSessionAsync()
    {
        await _session.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellation(_sessionTasks).ConfigureAwait(false);
    }

    private async Task ParseLoopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _parserReading, true);
        while (true)
        {
            await WhileStalledAsync(cancellationToken).ConfigureAwait(false);
            var value = await _rx.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!_assembler.Accept(value))
            {
                continue;
            }

            var (line, overflow) = _assembler.Take();
            string reply;
            try
            {
                Volatile.Write(ref _parserReading, false);
                reply = await _executor.ExecuteAsync(line, overflow, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _parserReading, true);
            }
            catch (SimulatedAlarmException alarm)
            {
                // This loop is part of the session the alarm stops, so the stop runs beside it.
                _ = Task.Run(() => RaiseAlarmAsync(alarm.Code), CancellationToken.None);
                return;
            }

            Send(reply);
        }
    }

    private void OnStallChanged(bool stalled)
    {
        string[] held;
        lock (_stallGate)
        {
            _stalled = stalled;
            if (stalled)
            {
                _running = NewSignal();
                _planner.Freeze();
                return;
            }

            held = [.. _heldReplies];
            _heldReplies.Clear();
            _running.TrySetResult();
            _planner.Thaw();
        }

        foreach (var reply in held)
        {
            Send(reply);
        }
    }

    private Task WhileStalledAsync(CancellationToken cancellationToken)
    {
        lock (_stallGate)
        {
            return _stalled ? _running.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Send(string text)
    {
        if (_unplugged || LinkFaults.Silent)
        {
            return;
        }

        lock (_stallGate)
        {
            if (_stalled)
            {
                // A frozen controller's replies wait in it until it runs again.
                _heldReplies.Add(text);
                return;
            }
        }

        var bytes = Encoding.ASCII.GetBytes(text);
        if (LinkFaults.TakeNoise() is { } noise)
        {
            bytes = [.. noise, .. bytes];
        }

        if (_outboundWire is null)
        {
            Write(bytes);
        }
        else
        {
            _outbound.Writer.TryWrite(new ReceivedChunk(bytes, Stopwatch.GetTimestamp()));
        }
    }

    private void Write(byte[] bytes)
    {
        if (_unplugged)
        {
            return;
        }

        try
        {
            _pty.Write(bytes);
        }
        catch (ObjectDisposedException) when (_unplugged)
        {
            // The cable was pulled while this reply was on its way.
        }
    }

    private string StatusReport()
    {
        var (feed, speed) = _planner.CurrentRates();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<{StateWord()}|MPos:{_planner.Position.ToGrbl()}|Bf:{_planner.FreeBlocks},{_rxBytes - _rx.Count}|FS:{feed:0},{speed:0}|WCO:{_interpreter.WorkOffset.ToGrbl()}|Ov:{_overrides.FeedPercent},100,{_overrides.SpindlePercent}>\r\n");
    }

    private string StateWord() =>
        _flags.Alarm ? "Alarm"
        : _flags.Homing ? "Home"
        : _planner.IsDoorOpen ? "Door:1"
        : _planner.IsStopping ? "Hold:1"
        : _planner.IsHeld ? "Hold:0"
        : _planner.IsJogging ? "Jog"
        : _planner.IsBusy ? "Run"
        : "Idle";

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the loops end by cancellation.
        }
    }
}
