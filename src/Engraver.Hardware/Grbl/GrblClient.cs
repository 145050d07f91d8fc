using System.Text;
using Engraver.Core.Firmware;
using Engraver.Hardware.Serial;

namespace Engraver.Hardware.Grbl;

/// <summary>Talks GRBL 1.1 over an <see cref="ISerialLink"/>: one background reader turns bytes into
/// messages for the <see cref="GrblResponseRouter"/>; lines go out one caller at a time; streams use
/// character counting. The link belongs to the caller, who disposes it after this client.</summary>
public sealed class GrblClient : IAsyncDisposable
{
    private readonly ISerialLink _link;
    private readonly FirmwareProfile _profile;
    private readonly GrblClientOptions _options;
    private readonly TimeProvider _time;
    private readonly GrblResponseRouter _router;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _lineOwner = new(1, 1);
    private readonly CancellationTokenSource _stop = new();

    // Cancelled when the reader finds the link dead: a write queued on a hung-up port would otherwise
    // wait for its own timeout before the fault is reported.
    private readonly CancellationTokenSource _linkDead = new();
    private Task? _reader;
    private int _disposed;
    private long _lastReceived;

    public GrblClient(ISerialLink link, FirmwareProfile profile, GrblClientOptions? options = null, TimeProvider? time = null)
    {
        _link = link;
        _profile = profile;
        _options = options ?? new GrblClientOptions();
        _time = time ?? TimeProvider.System;
        _router = new GrblResponseRouter(profile);
        RxBufferBytes = profile.RxBufferBytes;
        PlannerBlocks = profile.PlannerBlocks;
        _router.MessageReceived += message =>
        {
            if (message is GrblAlarm alarm)
            {
                AlarmRaised?.Invoke(this, alarm);
            }

            MessageReceived?.Invoke(this, message);
        };
    }

    /// <summary>Every message received, in order (raised on the reader's thread).</summary>
    public event EventHandler<GrblMessage>? MessageReceived;

    public event EventHandler<GrblAlarm>? AlarmRaised;

    public FirmwareProfile Profile => _profile;

    /// <summary>Garbage skipped on the line (raised on the reader's thread); answers are still counted.</summary>
    public event EventHandler<GrblNoise>? NoiseReceived;

    /// <summary>What the controller said at the last connect (its settings, the machine's travel); null before.</summary>
    public GrblConnection? Connection { get; private set; }

    /// <summary>The receive buffer streams count against: the controller's reported size once connected.</summary>
    public int RxBufferBytes { get; private set; }

    /// <summary>Planner blocks for queued motions: the controller's "[OPT:]" figure once connected, else the profile's.</summary>
    public int PlannerBlocks { get; private set; }

    internal GrblClientOptions Options => _options;

    internal GrblResponseRouter Router => _router;

    internal SemaphoreSlim LineOwner => _lineOwner;

    /// <summary>Soft-resets the controller, waits for its banner, checks it against the profile, reads
    /// its build info and machine id ("$I") and its settings ("$$"), which must match the profile's
    /// required settings (or are written, when the profile says so).</summary>
    public async Task<GrblConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        _reader ??= Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None);
        var connection = await new GrblHandshake(this, _link.Name).RunAsync(cancellationToken).ConfigureAwait(false);
        RxBufferBytes = connection.RxBufferBytes ?? _profile.RxBufferBytes;
        PlannerBlocks = connection.PlannerBlocks is > 0 and var blocks ? blocks : _profile.PlannerBlocks;
        Connection = connection;
        return connection;
    }

    public Task<GrblReply> HomeAsync(CancellationToken cancellationToken) =>
        SendCommandAsync("$H", _options.HomingTimeout, cancellationToken);

    public Task<GrblReply> UnlockAsync(CancellationToken cancellationToken) =>
        SendCommandAsync("$X", _options.ResponseTimeout, cancellationToken);

    /// <summary>Jogs with "$J=" (e.g. "G91 X1 F600"); cancel with <see cref="GrblRealtime.JogCancel"/>.</summary>
    public Task<GrblReply> JogAsync(string motion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(motion);
        return SendCommandAsync("$J=" + motion.Trim(), _options.ResponseTimeout, cancellationToken);
    }

    /// <summary>Sends one line and waits for its "ok"; "error:N" throws <see cref="GrblErrorException"/>.</summary>
    public Task<GrblReply> SendCommandAsync(string line, CancellationToken cancellationToken) =>
        SendCommandAsync(line, _options.ResponseTimeout, cancellationToken);

    /// <summary>Streams lines in the profile's streaming mode. Reports the count of acknowledged lines.
    /// The first error:N stops the machine at once (feed hold, soft reset) and throws
    /// <see cref="GrblErrorException"/> naming the 1-based line; a reboot throws
    /// <see cref="GrblResetException"/>. "ok" means parsed, so call <see cref="WaitUntilIdleAsync"/>
    /// afterwards to know the motion was executed.</summary>
    public Task<GrblStreamResult> StreamAsync(IReadOnlyList<string> lines, IProgress<int>? linesAcknowledged, CancellationToken cancellationToken) =>
        StreamAsync(lines, _profile.Streaming, linesAcknowledged, cancellationToken);

    public Task<GrblStreamResult> StreamAsync(IReadOnlyList<string> lines, StreamingMode mode, IProgress<int>? linesAcknowledged, CancellationToken cancellationToken) =>
        new GrblStreamer(this, RxBufferBytes, mode).StreamAsync(lines, linesAcknowledged, cancellationToken);

    /// <summary>Returns once everything sent has executed: a G4 dwell is answered only after the
    /// planner emptied, then the status must read Idle. A controller that goes silent meanwhile is
    /// stopped (<see cref="StopNowAsync"/>) before the timeout is reported.</summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        var deadline = _time.GetTimestamp();
        while (true)
        {
            GrblStatusReport status;
            try
            {
                status = await QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GrblTimeoutException timeout)
            {
                throw await StoppedAfterTimeoutAsync(timeout).ConfigureAwait(false);
            }

            switch (status.State)
            {
                case GrblMachineState.Idle:
                    return;
                case GrblMachineState.Alarm:
                    throw new GrblProtocolException($"The controller on {_link.Name} is in Alarm while waiting for Idle.");
                case GrblMachineState.Door or GrblMachineState.Hold:
                    // Held for the operator: the time limit counts from when motion may go on again.
                    deadline = _time.GetTimestamp();
                    break;
            }

            if (_time.GetElapsedTime(deadline) > _options.SyncTimeout)
            {
                throw await StoppedAfterTimeoutAsync(new GrblTimeoutException($"{_link.Name} did not reach Idle within {_options.SyncTimeout} (last state {status.State}).")).ConfigureAwait(false);
            }

            await Task.Delay(_options.StatusPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<GrblStatusReport> QueryStatusAsync(CancellationToken cancellationToken)
    {
        var status = _router.ExpectStatus();
        await SendRealtimeAsync(GrblRealtime.StatusQuery, cancellationToken).ConfigureAwait(false);
        return await WithTimeout(status, _options.ResponseTimeout, "no status report", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cycle start for a held controller. GRBL takes it only once the hold is complete (Hold:0,
    /// Door:0); sent while a feed hold or door stop is still decelerating (Hold:1, Door:2) it is dropped,
    /// so this waits for the stop to finish, up to the response timeout, before sending it.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < _options.ResponseTimeout)
        {
            var status = await QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            var stopping = (status.State, status.SubState) is (GrblMachineState.Hold, 1) or (GrblMachineState.Door, 2);
            if (!stopping)
            {
                break;
            }

            await Task.Delay(_options.StatusPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        await SendRealtimeAsync(GrblRealtime.CycleStart, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one realtime byte (see <see cref="GrblRealtime"/>); it bypasses the line queue.</summary>
    public Task SendRealtimeAsync(byte command, CancellationToken cancellationToken) =>
        WriteAsync([command], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(false);
        }

        _stop.Dispose();
        _linkDead.Dispose();
        _writeLock.Dispose();
        _lineOwner.Dispose();
    }

    private async Task<GrblReply> SendCommandAsync(string line, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var bytes = Encode(line, "command");
        await _lineOwner.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var replyTask = await WriteLineAsync(line, bytes, cancellationToken).ConfigureAwait(false);
            GrblReply reply;
            try
            {
                reply = await WithTimeout(replyTask, timeout, $"no answer to \"{line}\"", cancellationToken).ConfigureAwait(false);
            }
            catch (GrblTimeoutException silent)
            {
                // A move or a homing cycle may still be running on a controller that stopped talking.
                throw await StoppedAfterTimeoutAsync(silent).ConfigureAwait(false);
            }

            return reply.Result is GrblError error
                ? throw new GrblErrorException(error.Code, _profile.DescribeError(error.Code), line, lineNumber: null)
                : reply;
        }
        finally
        {
            _lineOwner.Release();
        }
    }

    /// <summary>The sync dwell: answered once the planner has emptied, which takes as long as the motion
    /// queued before it, so it is waited for as a streamed line is (silence counts only when the status
    /// query goes unanswered too).</summary>
    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        const string sync = "G4 P0.01";
        var bytes = Encode(sync, "command");
        await _lineOwner.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var replyTask = await WriteLineAsync(sync, bytes, cancellationToken).ConfigureAwait(false);

            // A controller that keeps saying it is working but never empties its planner is bounded too.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_options.SyncTimeout);
            GrblReply reply;
            try
            {
                reply = await WaitForReplyAsync(replyTask, $"no answer to the sync \"{sync}\"", limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw await StoppedAfterTimeoutAsync(new GrblTimeoutException($"{_link.Name} did not finish its queued motion within {_options.SyncTimeout}.")).ConfigureAwait(false);
            }

            if (reply.Result is GrblError error)
            {
                throw new GrblErrorException(error.Code, _profile.DescribeError(error.Code), sync, lineNumber: null);
            }
        }
        finally
        {
            _lineOwner.Release();
        }
    }

    /// <summary>Stops the controller at once with a soft reset (0x18), for a controller that stopped
    /// answering while it may be burning. GRBL acts on 0x18 in its serial interrupt (serial.c calls
    /// mc_reset as the byte is read), and mc_reset switches the spindle, here the laser, off there and
    /// then, and kills the steppers when in motion, even while its main loop is stuck. A feed hold ('!')
    /// would only set a flag for that main loop, and when acted on it decelerates along the path with
    /// the beam still on; so no hold is sent first. The position is lost (ALARM:3): the station homes
    /// again before the next pin. Waits for the banner that follows only for
    /// <see cref="GrblClientOptions.StopAnswerTimeout"/>: a frozen controller sends it when it runs again,
    /// if ever. Never throws; returns whether the reset byte went out.</summary>
    public async Task<bool> StopNowAsync()
    {
        Task<GrblBanner> banner;
        try
        {
            banner = _router.ExpectBanner();
        }
        catch (GrblLinkLostException)
        {
            return false;
        }

        using var bound = new CancellationTokenSource(_options.StopAnswerTimeout, _time);
        try
        {
            await WriteAsync([GrblRealtime.SoftReset], bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GrblException or OperationCanceledException or ObjectDisposedException)
        {
            _ = banner.Exception;
            return false;
        }

        try
        {
            await banner.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GrblException or OperationCanceledException)
        {
            // Silent or gone: the reset byte is out, which is what stops the laser.
        }

        return true;
    }

    private async Task<GrblTimeoutException> StoppedAfterTimeoutAsync(GrblTimeoutException timeout)
    {
        var stopped = await StopNowAsync().ConfigureAwait(false);
        return new GrblTimeoutException(stopped
            ? $"{timeout.Message} The controller was stopped with a soft reset (laser off)."
            : $"{timeout.Message} The soft reset that stops the controller could not be sent.");
    }

    /// <summary>After an error the lines already buffered would still execute: hold, then reset, and
    /// wait for the banner so the controller is in a known state before the error is reported.</summary>
    internal async Task StopAfterErrorAsync(IEnumerable<Task<GrblReply>> abandoned, CancellationToken cancellationToken)
    {
        var banner = _router.ExpectBanner();
        await SendRealtimeAsync(GrblRealtime.FeedHold, cancellationToken).ConfigureAwait(false);
        await SendRealtimeAsync(GrblRealtime.SoftReset, cancellationToken).ConfigureAwait(false);
        await WithTimeout(banner, _options.ConnectTimeout, "no banner after the soft reset that stopped a failed stream", cancellationToken).ConfigureAwait(false);
        foreach (var task in abandoned)
        {
            // The reset failed these; their outcome is the stream's error, observed here.
            _ = await Task.WhenAny(task).ConfigureAwait(false);
            _ = task.Exception;
        }
    }

    internal async Task<Task<GrblReply>> WriteLineAsync(string line, byte[] bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Registered before writing: the answer can arrive before the write call returns.
            var reply = _router.ExpectReply(line);
            await WriteLockedAsync(bytes, cancellationToken).ConfigureAwait(false);
            return reply;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLockedAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WriteLockedAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        _router.ThrowIfLinkLost();
        using var write = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _linkDead.Token);
        try
        {
            await _link.WriteAsync(bytes, write.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_linkDead.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _router.ThrowIfLinkLost();
            throw new GrblLinkLostException($"The link {_link.Name} was lost while writing.");
        }
        catch (SerialLinkException e)
        {
            LinkLost(new GrblLinkLostException($"Link to the controller lost: {e.Message}", e));
            throw new GrblLinkLostException($"Link to the controller lost: {e.Message}", e);
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var splitter = new GrblLineSplitter();
        var buffer = new byte[512];
        try
        {
            while (true)
            {
                var count = await _link.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                if (count == 0)
                {
                    LinkLost(new GrblLinkLostException($"The link {_link.Name} closed."));
                    return;
                }

                var discarded = splitter.DiscardedBytes;
                foreach (var line in splitter.Push(buffer.AsSpan(0, count)))
                {
                    var (message, noise) = GrblResponseParser.ParseRecovering(line);
                    if (noise is not null || message is GrblUnknown)
                    {
                        NoiseReceived?.Invoke(this, new GrblNoise($"skipped text that is not a GRBL reply: \"{noise ?? line}\""));
                    }

                    _router.Dispatch(message);
                }

                if (splitter.DiscardedBytes != discarded)
                {
                    NoiseReceived?.Invoke(this, new GrblNoise($"skipped {splitter.DiscardedBytes - discarded} bytes of line noise"));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LinkLost(new GrblLinkLostException($"The GRBL client for {_link.Name} was disposed."));
        }
        catch (SerialLinkException e)
        {
            LinkLost(new GrblLinkLostException($"Link to the controller lost: {e.Message}", e));
        }
    }

    private void LinkLost(GrblLinkLostException error)
    {
        _router.LinkLost(error);
        _linkDead.Cancel();
    }

    /// <summary>The bytes of one line as sent. Refuses, before anything is written, a line that is not
    /// printable ASCII or that the controller's line buffer would refuse (error:11).</summary>
    internal byte[] Encode(string line, string what)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Any(c => c is '\r' or '\n' or > '\x7e' or < ' '))
        {
            throw new ArgumentException($"The {what} \"{line}\" must be printable ASCII without line endings.", nameof(line));
        }

        var characters = _profile.MaxLineLength.Count(line);
        if (characters > _profile.MaxLineLength.MaxCharacters)
        {
            throw new LineTooLongException(1, line, $"The {what} \"{line}\" has {characters} characters; the {_profile.Name} line buffer takes at most {_profile.MaxLineLength.MaxCharacters}. Nothing was sent.");
        }

        return Encoding.ASCII.GetBytes(line + _profile.LineEnding);
    }

    /// <summary>Waits for the answer to a streamed line. A controller whose planner is full answers a line
    /// only when a block finishes, and one held (safety door, feed hold) not until it runs again; so
    /// silence longer than the response timeout is a fault only when the controller does not answer a
    /// status query either, or says it is not working (Idle with a line unanswered: the line was lost).</summary>
    internal async Task<GrblReply> WaitForReplyAsync(Task<GrblReply> reply, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await reply.WaitAsync(_options.ResponseTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var state = await TryQueryStateAsync(cancellationToken).ConfigureAwait(false);
                if (state is not (GrblMachineState.Run or GrblMachineState.Jog or GrblMachineState.Home or GrblMachineState.Door or GrblMachineState.Hold))
                {
                    throw await StoppedAfterTimeoutAsync(new GrblTimeoutException(
                        $"Timed out after {_options.ResponseTimeout.TotalSeconds:0.###} s: {what} from {_link.Name} ({(state is null ? "no status report either" : $"state {state}")}).")).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Waits until nothing has arrived for <paramref name="quiet"/> (at most <paramref name="limit"/>):
    /// what a controller said before anyone asked (a power-up banner waiting in the port) is then behind us.</summary>
    internal async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        Volatile.Write(ref _lastReceived, started);
        while (_time.GetElapsedTime(started) < limit)
        {
            var silent = _time.GetElapsedTime(Volatile.Read(ref _lastReceived));
            if (silent >= quiet)
            {
                return;
            }

            await Task.Delay(quiet - silent, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<GrblMachineState?> TryQueryStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await QueryStatusAsync(cancellationToken).ConfigureAwait(false)).State;
        }
        catch (GrblTimeoutException)
        {
            return null;
        }
    }

    internal async Task<T> WithTimeout<T>(Task<T> task, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GrblTimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s: {what} from {_link.Name}.");
        }
    }
}
