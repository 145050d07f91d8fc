using System.Diagnostics;
using Engraver.Simulator.Laser;

namespace Engraver.Simulator.Grbl;

/// <summary>The planner queue and the stepper that executes it in the background. A queued motion
/// takes distance / feed of simulated time, scaled by the time scale. Laser-on motion that executes
/// (wholly, or partly when a reset or the safety door cuts it short) goes into the burn log. Motions
/// run back to back on a deadline clock, as a stepper does, so timer jitter does not add gaps.</summary>
internal sealed class MotionPlanner(int capacity, double timeScale)
{
    private readonly Lock _gate = new();
    private readonly BusyClock _busy = new();
    private readonly Queue<PlannedMotion> _queue = new();
    private readonly List<BurnSegment> _burnLog = [];
    private readonly List<TimedBurn> _timedBurns = [];
    private readonly List<long> _doorStops = [];
    private TaskCompletionSource _changed = NewSignal();
    private Position3 _position;
    private bool _held;
    private bool _door;
    private bool _frozen;
    private bool _dropJogs;
    private CancellationTokenSource? _executing;
    private long _lastEnd;
    private Func<bool> _laserInterlock = () => true;

    public Position3 Position
    {
        get
        {
            lock (_gate)
            {
                return _position;
            }
        }
    }

    /// <summary>True while motions are queued or executing.</summary>
    public bool IsBusy
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count > 0;
            }
        }
    }

    /// <summary>Planner blocks free, as GRBL's Bf field reports them.</summary>
    public int FreeBlocks
    {
        get
        {
            lock (_gate)
            {
                return capacity - _queue.Count;
            }
        }
    }

    /// <summary>True while "$J=" motions are queued or executing: GRBL's Jog state.</summary>
    public bool IsJogging
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count > 0 && _queue.Peek().Jog;
            }
        }
    }

    /// <summary>True while the head moves or is about to: a motion executes (a feed hold lets it finish, GRBL's
    /// "Hold:1"), or motions wait with no hold. A held queue at rest is not moving: a soft reset then keeps the
    /// position, as GRBL's mc_reset raises ALARM:3 only in motion.</summary>
    public bool IsMoving
    {
        get
        {
            lock (_gate)
            {
                return _executing is not null || (_queue.Count > 0 && !_held);
            }
        }
    }

    /// <summary>A feed hold whose executing motion has not stopped yet (GRBL's "Hold:1").</summary>
    public bool IsStopping
    {
        get
        {
            lock (_gate)
            {
                return _held && _executing is not null;
            }
        }
    }

    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>True from a safety-door stop until cycle start.</summary>
    public bool IsDoorOpen
    {
        get
        {
            lock (_gate)
            {
                return _door;
            }
        }
    }

    /// <summary>The laser's hardware interlock loop (door switch and enable relay in series): while it is
    /// open the beam is off whatever the G-code says, so motion then burns nothing.</summary>
    public Func<bool> LaserInterlock
    {
        get => _laserInterlock;
        set => _laserInterlock = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Wall-clock seconds spent executing motion or dwell since start.</summary>
    public double BusySeconds => _busy.Seconds;

    public BusyClock Busy => _busy;

    /// <summary>Feed and spindle speed of the executing motion, 0 when none executes.</summary>
    public (double Feed, double Speed) CurrentRates()
    {
        lock (_gate)
        {
            return _queue.Count > 0 && !_held ? (_queue.Peek().FeedMmPerMin, _queue.Peek().SpindleSpeed) : (0, 0);
        }
    }

    public IReadOnlyList<BurnSegment> BurnLogSnapshot()
    {
        lock (_gate)
        {
            return [.. _burnLog];
        }
    }

    public IReadOnlyList<TimedBurn> TimedBurnLogSnapshot()
    {
        lock (_gate)
        {
            return [.. _timedBurns];
        }
    }

    public IReadOnlyList<long> DoorStops
    {
        get
        {
            lock (_gate)
            {
                return [.. _doorStops];
            }
        }
    }

    /// <summary>Queues a motion, waiting while the planner is full (the parser stalls there, so the
    /// serial receive buffer fills instead).</summary>
    public async Task EnqueueAsync(PlannedMotion motion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_queue.Count < capacity)
                {
                    _queue.Enqueue(motion);
                    Pulse();
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns once no motion executes and a jog cancel has taken effect.</summary>
    public async Task WaitUntilStoppedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_executing is null && !_dropJogs)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task WaitUntilEmptyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Feed hold: the executing motion finishes, the next does not start until resumed. During a jog it
    /// cancels the jog instead (GRBL: any hold in the Jog state is a jog cancel), which ends idle.</summary>
    public void SetHold(bool held)
    {
        lock (_gate)
        {
            if (held && DropJogsLocked())
            {
                return;
            }

            _held = held;
            Pulse();
        }
    }

    /// <summary>Jog cancel (0x85): only while jogging; the head stops where it is, the rest of every queued jog is
    /// dropped, and the controller is idle. Returns whether there was a jog to cancel.</summary>
    public bool CancelJog()
    {
        lock (_gate)
        {
            return DropJogsLocked();
        }
    }

    private bool DropJogsLocked()
    {
        if (_queue.Count == 0 || !_queue.Peek().Jog)
        {
            return false;
        }

        if (_executing is null)
        {
            _queue.Clear();
        }
        else
        {
            _dropJogs = true;
            _executing.Cancel();
        }

        Pulse();
        return true;
    }

    /// <summary>Safety door: the executing motion stops where the head is (the laser goes off with it) and
    /// nothing moves until <see cref="Resume"/>; the rest of the interrupted motion runs after resuming. A jog is
    /// dropped instead (GRBL cancels a jog on any hold, then enters the door state all the same).</summary>
    public void OpenDoor()
    {
        lock (_gate)
        {
            _door = true;
            _held = true;
            _doorStops.Add(Stopwatch.GetTimestamp());
            if (!DropJogsLocked())
            {
                _executing?.Cancel();
            }

            Pulse();
        }
    }

    /// <summary>Cycle start: leaves a feed hold or a safety-door stop.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _door = false;
            _held = false;
            Pulse();
        }
    }

    /// <summary>A frozen controller: the executing motion stops where the head is and nothing runs until
    /// <see cref="Thaw"/>; the rest of the motion runs after that.</summary>
    public void Freeze()
    {
        lock (_gate)
        {
            _frozen = true;
            _executing?.Cancel();
            Pulse();
        }
    }

    public void Thaw()
    {
        lock (_gate)
        {
            _frozen = false;
            Pulse();
        }
    }

    /// <summary>Drops every queued motion; only called while the stepper is stopped.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _held = false;
            _door = false;
            _dropJogs = false;
            Pulse();
        }
    }

    public void SetPosition(Position3 position)
    {
        lock (_gate)
        {
            _position = position;
        }
    }

    /// <summary>The stepper: runs until cancelled (soft reset or shutdown).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            PlannedMotion? next = null;
            Task changed;
            lock (_gate)
            {
                if (!_held && !_frozen && _queue.Count > 0)
                {
                    next = _queue.Peek();
                }

                changed = _changed.Task;
            }

            if (next is null)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await ExecuteAsync(next, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExecuteAsync(PlannedMotion motion, CancellationToken cancellationToken)
    {
        var seconds = motion.DurationSeconds * timeScale;
        using var executing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long started;
        lock (_gate)
        {
            // Back to back with the previous motion when it ended no later than now: the stepper does not pause.
            var now = Stopwatch.GetTimestamp();
            started = _lastEnd > 0 && now - _lastEnd < Stopwatch.Frequency / 100 ? Math.Min(_lastEnd, now) : now;
            if (_held || _frozen)
            {
                return;
            }

            _executing = executing;
        }

        try
        {
            var remaining = TimeSpan.FromSeconds(seconds) - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, executing.Token).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
                executing.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            // A reset or the safety door stops the head where it is: the part already travelled was burnt.
            var fraction = seconds > 0 ? Math.Clamp(Stopwatch.GetElapsedTime(started).TotalSeconds / seconds, 0, 1) : 0;
            Finish(motion, fraction, started, dequeue: false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return;
        }

        Finish(motion, 1, started, dequeue: true);
    }

    private void Finish(PlannedMotion motion, double fraction, long started, bool dequeue)
    {
        lock (_gate)
        {
            _executing = null;
            var end = fraction >= 1 ? motion.To : motion.From.Lerp(motion.To, fraction);
            var now = Stopwatch.GetTimestamp();
            if (motion.PowerFraction > 0 && fraction > 0 && _laserInterlock())
            {
                var segment = new BurnSegment(motion.From.Xy, end.Xy, motion.PowerFraction, motion.FeedMmPerMin);
                _burnLog.Add(segment);
                _timedBurns.Add(new TimedBurn(segment, started, now));
            }

            _position = end;
            _busy.Add(started, now);
            _lastEnd = dequeue ? started + (long)(motion.DurationSeconds * timeScale * Stopwatch.Frequency) : 0;
            if (dequeue)
            {
                _queue.Dequeue();
            }
            else if (_dropJogs)
            {
                // A jog cancel: the head stops here and the rest of the jog is forgotten.
                _dropJogs = false;
                _queue.Clear();
            }
            else if (fraction < 1 && _queue.Count > 0 && ReferenceEquals(_queue.Peek(), motion))
            {
                // Interrupted by the door: the rest of the move waits at the head of the queue.
                ReplaceHead(motion with { From = end });
            }

            Pulse();
        }
    }

    private void ReplaceHead(PlannedMotion head)
    {
        var rest = _queue.ToArray()[1..];
        _queue.Clear();
        _queue.Enqueue(head);
        foreach (var motion in rest)
        {
            _queue.Enqueue(motion);
        }
    }

    private void Pulse()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
