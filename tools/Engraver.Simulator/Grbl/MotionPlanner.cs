using System.Diagnostics;
using Engraver.Simulator.Laser;

namespace Engraver.Simulator.Grbl;

/// <summary>The planner queue and the stepper that executes it in the background. A queued motion
/// takes distance / feed of simulated time, scaled by the time scale. Laser-on motion that executes
/// (wholly, or partly when a reset cuts it short) goes into the burn log.</summary>
internal sealed class MotionPlanner(int capacity, double timeScale)
{
    private readonly Lock _gate = new();
    private readonly Queue<PlannedMotion> _queue = new();
    private readonly List<BurnSegment> _burnLog = [];
    private TaskCompletionSource _changed = NewSignal();
    private Position3 _position;
    private bool _held;

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

    /// <summary>Feed hold: the executing motion finishes, the next does not start until resumed.</summary>
    public void SetHold(bool held)
    {
        lock (_gate)
        {
            _held = held;
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
                if (!_held && _queue.Count > 0)
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
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (seconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            // A reset stops the head where it is: the part already travelled was burnt.
            var fraction = seconds > 0 ? Math.Clamp(Stopwatch.GetElapsedTime(started).TotalSeconds / seconds, 0, 1) : 0;
            Finish(motion, fraction, dequeue: false);
            throw;
        }

        Finish(motion, 1, dequeue: true);
    }

    private void Finish(PlannedMotion motion, double fraction, bool dequeue)
    {
        lock (_gate)
        {
            var end = fraction >= 1 ? motion.To : motion.From.Lerp(motion.To, fraction);
            if (motion.PowerFraction > 0 && fraction > 0)
            {
                _burnLog.Add(new BurnSegment(motion.From.Xy, end.Xy, motion.PowerFraction, motion.FeedMmPerMin));
            }

            _position = end;
            if (dequeue)
            {
                _queue.Dequeue();
            }

            Pulse();
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
