using Engraver.Core.Firmware;

namespace Engraver.Hardware.Grbl;

/// <summary>Routes parsed messages to whoever waits for them: ok/error to the oldest unanswered line
/// (GRBL answers strictly in order), status reports to status waiters, banners to banner waiters (and
/// a reset fails every unanswered line, which the controller has forgotten), alarms to listeners.
/// Thread-safe: the reader loop dispatches while callers register.</summary>
internal sealed class GrblResponseRouter(FirmwareProfile profile)
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingLine> _pending = new();
    private readonly List<TaskCompletionSource<GrblStatusReport>> _statusWaiters = [];
    private readonly List<TaskCompletionSource<GrblBanner>> _bannerWaiters = [];
    private Exception? _linkLost;
    private int _unexpectedResets;
    private GrblBufferAccountingException? _accountingBroken;
    private bool _alarmSinceReset;
    private bool _strayRepliesExpected;

    public event Action<GrblMessage>? MessageReceived;

    /// <summary>Registers a line about to be written; its task completes with the line's answer.</summary>
    public Task<GrblReply> ExpectReply(string line)
    {
        lock (_gate)
        {
            if (_accountingBroken is { } broken)
            {
                throw new GrblBufferAccountingException(broken.Message);
            }

            return Register(_pending, new PendingLine(line)).Completion.Task;
        }
    }

    /// <summary>While on, an answer with no line waiting is dropped: a line sent across an unexpected reset
    /// may or may not be answered after it, and the connecting side waits that out before going on.</summary>
    public void ExpectStrayReplies(bool expected)
    {
        lock (_gate)
        {
            _strayRepliesExpected = expected;
        }
    }

    public Task<GrblStatusReport> ExpectStatus() => Register(_statusWaiters, NewSource<GrblStatusReport>()).Task;

    public Task<GrblBanner> ExpectBanner() => Register(_bannerWaiters, NewSource<GrblBanner>()).Task;

    /// <summary>Banners nobody asked for: the controller restarted on its own (power, USB, watchdog).</summary>
    public int UnexpectedResets => Volatile.Read(ref _unexpectedResets);

    public void ThrowIfLinkLost()
    {
        lock (_gate)
        {
            if (_linkLost is { } lost)
            {
                throw new GrblLinkLostException(lost.Message, lost.InnerException);
            }
        }
    }

    public void Dispatch(GrblMessage message)
    {
        lock (_gate)
        {
            switch (message)
            {
                case GrblOk or GrblError when _pending.TryDequeue(out var line):
                    line.Completion.TrySetResult(new GrblReply(line.Line, message, line.Info));
                    break;
                case GrblOk or GrblError when _alarmSinceReset || _strayRepliesExpected:
                    // Lines already on their way when the alarm struck are answered error:9 (locked);
                    // the alarm failed their waiters, so these answers belong to no one.
                    break;
                case GrblOk or GrblError:
                    // An answer with no line waiting: the count of lines in the controller's buffer is
                    // no longer known, so no further line may be sent on it.
                    _accountingBroken ??= new GrblBufferAccountingException($"The controller answered \"{(message is GrblError e ? $"error:{e.Code}" : "ok")}\" with no line waiting; the count of buffered lines is lost. Reset the controller and reconnect.");
                    break;
                case GrblStatusReport status:
                    CompleteAll(_statusWaiters, status);
                    break;
                case GrblBanner banner:
                    // After a reset the controller's buffer is empty: lines and answers pair up again.
                    _accountingBroken = null;
                    _alarmSinceReset = false;
                    if (_bannerWaiters.Count == 0)
                    {
                        Interlocked.Increment(ref _unexpectedResets);
                    }

                    FailPending(new GrblResetException($"The controller reset ({banner.Text}) before answering; its buffered lines were discarded."));
                    CompleteAll(_bannerWaiters, banner);
                    break;
                case GrblAlarm alarm:
                    _alarmSinceReset = true;
                    FailPending(new GrblAlarmException(alarm.Code, profile.DescribeAlarm(alarm.Code)));
                    break;
                default:
                    if (_pending.TryPeek(out var oldest))
                    {
                        oldest.Info.Add(message);
                    }

                    break;
            }
        }

        MessageReceived?.Invoke(message);
    }

    /// <summary>The link is gone: every waiter, now and later, fails with <paramref name="error"/>.</summary>
    public void LinkLost(GrblLinkLostException error)
    {
        lock (_gate)
        {
            _linkLost ??= error;
            FailPending(error);
            foreach (var waiter in _statusWaiters)
            {
                waiter.TrySetException(error);
            }

            foreach (var waiter in _bannerWaiters)
            {
                waiter.TrySetException(error);
            }

            _statusWaiters.Clear();
            _bannerWaiters.Clear();
        }
    }

    private T Register<T>(ICollection<T> waiters, T waiter)
    {
        lock (_gate)
        {
            ThrowIfLinkLost();
            waiters.Add(waiter);
            return waiter;
        }
    }

    private T Register<T>(Queue<T> waiters, T waiter)
    {
        lock (_gate)
        {
            ThrowIfLinkLost();
            waiters.Enqueue(waiter);
            return waiter;
        }
    }

    private void FailPending(Exception error)
    {
        while (_pending.TryDequeue(out var line))
        {
            line.Completion.TrySetException(error);
        }
    }

    private static void CompleteAll<T>(List<TaskCompletionSource<T>> waiters, T value)
    {
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(value);
        }

        waiters.Clear();
    }

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class PendingLine(string line)
    {
        public string Line { get; } = line;

        public List<GrblMessage> Info { get; } = [];

        public TaskCompletionSource<GrblReply> Completion { get; } = NewSource<GrblReply>();
    }
}
