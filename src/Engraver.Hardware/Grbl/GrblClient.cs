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
    private Task? _reader;
    private int _disposed;

    public GrblClient(ISerialLink link, FirmwareProfile profile, GrblClientOptions? options = null, TimeProvider? time = null)
    {
        _link = link;
        _profile = profile;
        _options = options ?? new GrblClientOptions();
        _time = time ?? TimeProvider.System;
        _router = new GrblResponseRouter(profile);
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

    /// <summary>Soft-resets the controller, waits for its banner, checks it against the profile and asks
    /// for its build info and state.</summary>
    public async Task<GrblConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        _reader ??= Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None);
        var bannerTask = _router.ExpectBanner();
        await SendRealtimeAsync(GrblRealtime.SoftReset, cancellationToken).ConfigureAwait(false);
        var banner = await WithTimeout(bannerTask, _options.ConnectTimeout, $"no GRBL banner after a soft reset on {_link.Name} (wrong port or baud rate?)", cancellationToken).ConfigureAwait(false);
        if (!banner.Text.StartsWith(_profile.BannerPrefix, StringComparison.Ordinal))
        {
            throw new GrblProtocolException($"{_link.Name} answered \"{banner.Text}\", but the {_profile.Name} profile expects a banner starting with \"{_profile.BannerPrefix}\".");
        }

        var info = await SendCommandAsync("$I", cancellationToken).ConfigureAwait(false);
        var version = info.Info.OfType<GrblVersionInfo>().FirstOrDefault();
        var options = info.Info.OfType<GrblOptionsInfo>().FirstOrDefault();
        var status = await QueryStatusAsync(cancellationToken).ConfigureAwait(false);
        return new GrblConnection(banner.Text, banner.Version, version?.Version, options?.Codes, options?.PlannerBlocks, options?.RxBufferBytes, status.State);
    }

    public Task<GrblReply> HomeAsync(CancellationToken cancellationToken) =>
        SendCommandAsync("$H", _options.HomingTimeout, cancellationToken);

    public Task<GrblReply> UnlockAsync(CancellationToken cancellationToken) =>
        SendCommandAsync("$X", _options.ResponseTimeout, cancellationToken);

    /// <summary>Sends one line and waits for its "ok"; "error:N" throws <see cref="GrblErrorException"/>.</summary>
    public Task<GrblReply> SendCommandAsync(string line, CancellationToken cancellationToken) =>
        SendCommandAsync(line, _options.ResponseTimeout, cancellationToken);

    /// <summary>Streams lines with character counting. Reports the count of acknowledged lines. The
    /// first error:N stops the machine at once (feed hold, soft reset) and throws
    /// <see cref="GrblErrorException"/> naming the 1-based line; "ok" means parsed, so call
    /// <see cref="WaitUntilIdleAsync"/> afterwards to know the motion was executed.</summary>
    public async Task StreamAsync(IReadOnlyList<string> lines, IProgress<int>? linesAcknowledged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var window = new CharacterCountingWindow(_profile.RxBufferBytes - 1);
        var encoded = new byte[lines.Count][];
        for (var i = 0; i < lines.Count; i++)
        {
            encoded[i] = Encode(lines[i], $"line {i + 1}");
            if (!window.Fits(encoded[i].Length))
            {
                throw new ArgumentException($"Line {i + 1} \"{lines[i]}\" is {encoded[i].Length} bytes with its line ending; the {_profile.Name} receive buffer allows {window.CapacityBytes}.", nameof(lines));
            }
        }

        await _lineOwner.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var inFlight = new Queue<(int Index, Task<GrblReply> Reply)>();
            var acknowledged = 0;
            async Task AcknowledgeOldestAsync()
            {
                var (index, replyTask) = inFlight.Dequeue();
                var reply = await WithTimeout(replyTask, _options.ResponseTimeout, $"no answer to line {index + 1} \"{lines[index]}\"", cancellationToken).ConfigureAwait(false);
                window.Acknowledge();
                if (reply.Result is GrblError error)
                {
                    await StopAfterErrorAsync(inFlight.Select(f => f.Reply), cancellationToken).ConfigureAwait(false);
                    throw new GrblErrorException(error.Code, _profile.DescribeError(error.Code), lines[index], index + 1);
                }

                linesAcknowledged?.Report(++acknowledged);
            }

            for (var i = 0; i < lines.Count; i++)
            {
                while (!window.CanSend(encoded[i].Length))
                {
                    await AcknowledgeOldestAsync().ConfigureAwait(false);
                }

                inFlight.Enqueue((i, await WriteLineAsync(lines[i], encoded[i], cancellationToken).ConfigureAwait(false)));
                window.Sent(encoded[i].Length);
            }

            while (inFlight.Count > 0)
            {
                await AcknowledgeOldestAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lineOwner.Release();
        }
    }

    /// <summary>Returns once everything sent has executed: a G4 dwell is answered only after the
    /// planner emptied, then the status must read Idle.</summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp();
        await SendCommandAsync("G4 P0.01", _options.SyncTimeout, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var status = await QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            switch (status.State)
            {
                case GrblMachineState.Idle:
                    return;
                case GrblMachineState.Alarm:
                    throw new GrblProtocolException($"The controller on {_link.Name} is in Alarm while waiting for Idle.");
            }

            if (_time.GetElapsedTime(deadline) > _options.SyncTimeout)
            {
                throw new GrblTimeoutException($"{_link.Name} did not reach Idle within {_options.SyncTimeout} (last state {status.State}).");
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
            var reply = await WithTimeout(replyTask, timeout, $"no answer to \"{line}\"", cancellationToken).ConfigureAwait(false);
            return reply.Result is GrblError error
                ? throw new GrblErrorException(error.Code, _profile.DescribeError(error.Code), line, lineNumber: null)
                : reply;
        }
        finally
        {
            _lineOwner.Release();
        }
    }

    /// <summary>After an error the lines already buffered would still execute: hold, then reset, and
    /// wait for the banner so the controller is in a known state before the error is reported.</summary>
    private async Task StopAfterErrorAsync(IEnumerable<Task<GrblReply>> abandoned, CancellationToken cancellationToken)
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

    private async Task<Task<GrblReply>> WriteLineAsync(string line, byte[] bytes, CancellationToken cancellationToken)
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
        try
        {
            await _link.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (SerialLinkException e)
        {
            var lost = new GrblLinkLostException($"Link to the controller lost: {e.Message}", e);
            _router.LinkLost(lost);
            throw lost;
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
                if (count == 0)
                {
                    _router.LinkLost(new GrblLinkLostException($"The link {_link.Name} closed."));
                    return;
                }

                foreach (var line in splitter.Push(buffer.AsSpan(0, count)))
                {
                    _router.Dispatch(GrblResponseParser.Parse(line));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _router.LinkLost(new GrblLinkLostException($"The GRBL client for {_link.Name} was disposed."));
        }
        catch (SerialLinkException e)
        {
            _router.LinkLost(new GrblLinkLostException($"Link to the controller lost: {e.Message}", e));
        }
    }

    private byte[] Encode(string line, string what)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Any(c => c is '\r' or '\n' or > '\x7e' or < ' '))
        {
            throw new ArgumentException($"The {what} \"{line}\" must be printable ASCII without line endings.", nameof(line));
        }

        return Encoding.ASCII.GetBytes(line + _profile.LineEnding);
    }

    private async Task<T> WithTimeout<T>(Task<T> task, TimeSpan timeout, string what, CancellationToken cancellationToken)
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
