using Engraver.Hardware.Grbl;
using Engraver.Service.Jobs;
using Engraver.Traceability.Jobs;
using Engraver.Traceability.Records;

namespace Engraver.Service.Station;

/// <summary>Where a job is, as the panel sees it. <see cref="SettledHere"/> serials ended on this station
/// since <see cref="WatchedSince"/>: the pace an estimate of the time left is taken from.</summary>
public sealed record JobStatus(string JobId, string State, int Finished, int Total, int Verified, DateTimeOffset WatchedSince, int SettledHere)
{
    /// <summary>The job as the queue last counted it: serials by state, pins used and verified, records.</summary>
    public JobSummary? Counted { get; init; }
}

/// <summary>Where the controller link stands while it is down: the port, when and why it was lost (null before
/// the first connection), and the last failed attempt to reconnect with when the next one is due.</summary>
public sealed record ControllerLinkDown(string Port, DateTimeOffset? LostAt, string? LostBecause, string? LastAttemptFailure, DateTimeOffset? NextAttemptAt);

/// <summary>Who started the station: the user who pressed Start, or nobody (<see cref="Unattended"/>: the
/// service started it by itself under Station:UnattendedStart, and each pin names its job's submitter).</summary>
public sealed record StationStarter(string? User, bool Unattended)
{
    public static StationStarter Person(string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return new StationStarter(user, false);
    }

    public static StationStarter UnattendedStart { get; } = new(null, true);
}

/// <summary>Everything the station worker knows that the API shows, in one consistent copy.</summary>
public sealed record RuntimeView(
    StationSnapshot? Station,
    bool ControllerAttached,
    ControllerLinkDown? LinkDown,
    GrblStatusReport? ControllerStatus,
    double LaserPowerMax,
    JobStatus? Job,
    PinRecord? LastPin,
    IReadOnlyList<StationAlarm> Alarms)
{
    /// <summary>The pins waiting for a person (their serial's latest record is NeedsInspection), oldest first.</summary>
    public IReadOnlyList<PinRecord> AwaitingInspection { get; init; } = [];
    /// <summary>When the controller's last status report arrived; null while none has on this link.</summary>
    public DateTimeOffset? ControllerStatusAt { get; init; }
}

/// <summary>The live station, published by the station worker for the API: the station loop, the connected
/// devices, the controller's latest status, the job in progress, the last pin and the alarms. Readers get a
/// copy (<see cref="View"/>) and <see cref="Changed"/> tells them when to look again.</summary>
public sealed class StationRuntime(TimeProvider clock)
{
    /// <summary>How often the controller is asked for its status while connected.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private StationLoop? _loop;
    private StationDevices? _devices;
    private StationRig? _rig;
    private ControllerLinkDown? _linkDown;
    private GrblStatusReport? _status;
    private DateTimeOffset? _statusAt;
    private JobStatus? _job;
    private PinRecord? _lastPin;
    private IReadOnlyList<PinRecord> _awaitingInspection = [];
    private StationStarter? _starter;

    /// <summary>Raised after anything shown changed (on the thread that changed it): keep handlers short.</summary>
    public event Action? Changed;

    public StationAlarms Alarms { get; } = new();

    /// <summary>Keeps an operator's jog, go-to-slot or framing and the queue's pins from moving the machine at once.</summary>
    public ManualMotion ManualMotion { get; } = new();

    public StationLoop? Loop => _loop;

    /// <summary>The devices that stay open across controller links (records, camera); null until opened.</summary>
    public StationDevices? Devices => _devices;

    /// <summary>The devices with the connected controller; null while the controller is not connected.</summary>
    public StationRig? Rig => _rig;

    /// <summary>Station commands run on this, not on the request that asked for them: a client that goes away
    /// does not abandon a homing cycle half way. Cancelled only when the station stops for good.</summary>
    public CancellationToken StationLifetime { get; private set; } = CancellationToken.None;

    public TimeProvider Clock => clock;

    /// <summary>Who pressed Start last (the operator of every pin since); null before anyone did.</summary>
    public StationStarter? Starter
    {
        get
        {
            lock (_gate)
            {
                return _starter;
            }
        }
    }

    /// <summary>Names who starts the station, before the Start is fired (a pin may be taken at once after it);
    /// returns who it was before, to put back when the station refuses the Start.</summary>
    public StationStarter? StartingBy(StationStarter? starter)
    {
        lock (_gate)
        {
            var before = _starter;
            _starter = starter;
            return before;
        }
    }

    public void AttachLoop(StationLoop loop, CancellationToken stationLifetime = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        _loop = loop;
        StationLifetime = stationLifetime;
        loop.Transitioned += _ => OnChanged();
        OnChanged();
    }

    /// <summary>Publishes the devices that outlive a controller link (the job queue and records can be used while
    /// the controller is away).</summary>
    public void AttachDevices(StationDevices? devices)
    {
        _devices = devices;
        OnChanged();
    }

    /// <summary>The controller is not connected: shown by /health and the status until it is again.</summary>
    public void ShowLinkDown(ControllerLinkDown linkDown)
    {
        ArgumentNullException.ThrowIfNull(linkDown);
        lock (_gate)
        {
            _linkDown = linkDown;
        }

        OnChanged();
    }

    /// <summary>Publishes the connected devices and starts watching the controller; disposing the result
    /// withdraws them (before the devices are closed). <paramref name="linkLost"/> is called once when the
    /// watch finds the link lost (port gone, or silent when it should answer; see <see cref="ControllerMonitor"/>).</summary>
    public IAsyncDisposable AttachRig(StationRig rig, Action<GrblException>? linkLost = null, Func<bool>? silenceExpected = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        void OnAlarm(object? sender, GrblAlarm alarm)
        {
            Alarms.Raise(alarm.Code, rig.Firmware.DescribeAlarm(alarm.Code), clock.GetUtcNow());
            OnChanged();
        }

        rig.Controller.AlarmRaised += OnAlarm;
        lock (_gate)
        {
            _rig = rig;
            _status = null;
            _statusAt = null;
            _linkDown = null;
        }

        var monitor = new ControllerMonitor(rig.Controller, StatusInterval, clock, OnStatus, lost => linkLost?.Invoke(lost), silenceExpected ?? (() => false));
        OnChanged();
        return new Detach(async () =>
        {
            rig.Controller.AlarmRaised -= OnAlarm;
            await monitor.DisposeAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _rig = null;
                _status = null;
                _statusAt = null;
            }

            OnChanged();
        });
    }

    /// <summary>Shows the queue's job (the one being worked on, else the last one seen) as the store counts it.</summary>
    public void ShowJob(JobSummary? summary)
    {
        lock (_gate)
        {
            _job = summary is null ? _job : Status(summary, _job);
        }

        OnChanged();
    }

    /// <summary>A serial of the job ended on this station: counted at once, before the store is read again.</summary>
    public void PinSettled(BatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            if (_job is { } job && progress.LastPin is { } pin && pin.JobId == job.JobId)
            {
                var verified = pin.Outcome == PinOutcome.Verified ? 1 : 0;
                _job = job with
                {
                    State = job.State == nameof(JobState.Queued) ? nameof(JobState.Running) : job.State,
                    Finished = job.Finished + 1,
                    Verified = job.Verified + verified,
                    SettledHere = job.SettledHere + 1,
                };
            }

            _lastPin = progress.LastPin ?? _lastPin;
            if (progress.LastPin is { Outcome: PinOutcome.NeedsInspection } waiting)
            {
                // Shown at once; the record's own list (ShowInspectionsAsync) confirms it when next read.
                _awaitingInspection = [.. _awaitingInspection.Where(p => p.Serial != waiting.Serial), waiting];
            }
        }

        OnChanged();
    }

    private JobStatus Status(JobSummary summary, JobStatus? shown) =>
        shown is not null && shown.JobId == summary.JobId
            ? shown with { State = summary.State.ToString(), Finished = summary.Finished, Total = summary.Total, Verified = summary.Verified, Counted = summary }
            : new JobStatus(summary.JobId, summary.State.ToString(), summary.Finished, summary.Total, summary.Verified, clock.GetUtcNow(), 0) { Counted = summary };

    /// <summary>A pin record written outside a job's progress (a resolved inspection).</summary>
    public void PinRecorded(PinRecord record)
    {
        lock (_gate)
        {
            _lastPin = record;
        }

        OnChanged();
    }

    /// <summary>The pins waiting for inspection, as the record lists them (oldest first).</summary>
    public void ShowInspections(IReadOnlyList<PinRecord> waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        lock (_gate)
        {
            _awaitingInspection = waiting;
        }

        OnChanged();
    }

    /// <summary>Reads the pins waiting for inspection from <paramref name="records"/> and shows them.</summary>
    public async Task ShowInspectionsAsync(IRecordStore records, CancellationToken cancellationToken) =>
        ShowInspections(await AwaitingInspection.ListAsync(records, cancellationToken).ConfigureAwait(false));

    public RuntimeView View()
    {
        lock (_gate)
        {
            return new RuntimeView(_loop?.Snapshot, _rig is not null, _linkDown, _status, (_rig?.Firmware ?? _devices?.Firmware)?.Laser.PowerMax ?? 0, _job, _lastPin, Alarms.List())
            {
                AwaitingInspection = _awaitingInspection,
                ControllerStatusAt = _statusAt,
            };
        }
    }

    public void NotifyChanged() => OnChanged();

    private void OnStatus(GrblStatusReport? status)
    {
        bool changed;
        lock (_gate)
        {
            // GRBL reports its overrides (Ov:) only every few reports: the last ones reported stay in force until then.
            if (status is { Overrides: null } && _status?.Overrides is { } overrides)
            {
                status = status with { Overrides = overrides };
            }

            changed = !Equals(_status, status);
            _status = status;
            _statusAt = status is null ? null : clock.GetUtcNow();
        }

        if (changed)
        {
            OnChanged();
        }
    }

    private void OnChanged() => Changed?.Invoke();

    private sealed class Detach(Func<Task> detach) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await detach().ConfigureAwait(false);
    }
}
