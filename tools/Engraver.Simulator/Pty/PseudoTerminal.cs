using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace Engraver.Simulator.Pty;

/// <summary>A Linux pseudo-terminal opened through libc. The simulator owns the master side; a serial
/// client opens <see cref="SlavePath"/> exactly as it would open a USB serial adapter. Disposing closes
/// the master, which the client sees as an unplugged cable.</summary>
public sealed class PseudoTerminal : IDisposable
{
    private const int ChunkSize = 4096;

    // While no client holds the slave open, the master reports a hang-up on every poll; waiting this
    // long before looking again keeps that from spinning a core.
    private const int NoClientBackoffMs = 20;

    private readonly int _masterFd;
    private readonly int _wakeReadFd;
    private readonly int _wakeWriteFd;
    private readonly Thread _readerThread;
    private readonly Channel<ReceivedChunk> _received = Channel.CreateUnbounded<ReceivedChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Lock _writeLock = new();
    private ReadOnlyMemory<byte> _leftover;
    private int _disposed;

    private PseudoTerminal(int masterFd, string slavePath, int wakeReadFd, int wakeWriteFd)
    {
        _masterFd = masterFd;
        SlavePath = slavePath;
        _wakeReadFd = wakeReadFd;
        _wakeWriteFd = wakeWriteFd;
        _readerThread = new Thread(ReadLoop) { IsBackground = true, Name = $"pty reader {slavePath}" };
        _readerThread.Start();
    }

    /// <summary>The device path a client opens, e.g. /dev/pts/3.</summary>
    public string SlavePath { get; }

    public static unsafe PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The pseudo-terminal simulator runs on Linux only.");
        }

        var master = LibC.posix_openpt(LibC.ORdWr | LibC.ONoCtty | LibC.OCloExec);
        Check(master, "posix_openpt");
        try
        {
            Check(LibC.grantpt(master), "grantpt");
            Check(LibC.unlockpt(master), "unlockpt");
            var name = stackalloc byte[256];
            var error = LibC.ptsname_r(master, name, 256);
            if (error != 0)
            {
                throw new IOException($"ptsname_r failed with errno {error}.");
            }

            var slavePath = Marshal.PtrToStringUTF8((nint)name)!;

            // On Linux the termios of a pty pair lives on the slave and the master's tcsetattr writes it.
            // Raw mode: no echo, no CR/LF translation, no line editing, so every byte crosses unchanged.
            // System.IO.Ports sets raw mode again when it opens the slave; doing it here too keeps the
            // banner written before any client opens from being mangled.
            var termios = stackalloc byte[LibC.TermiosBufferSize];
            Check(LibC.tcgetattr(master, termios), "tcgetattr");
            LibC.cfmakeraw(termios);
            Check(LibC.tcsetattr(master, LibC.TcsaNow, termios), "tcsetattr");

            var pipe = stackalloc int[2];
            Check(LibC.pipe2(pipe, LibC.OCloExec), "pipe2");
            return new PseudoTerminal(master, slavePath, pipe[0], pipe[1]);
        }
        catch
        {
            _ = LibC.close(master);
            throw;
        }
    }

    /// <summary>Reads received bytes; returns 0 once the terminal is disposed.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_leftover.IsEmpty)
        {
            if (!await _received.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)
                || !_received.Reader.TryRead(out var chunk))
            {
                return 0;
            }

            _leftover = chunk.Data;
        }

        var count = Math.Min(buffer.Length, _leftover.Length);
        _leftover[..count].CopyTo(buffer);
        _leftover = _leftover[count..];
        return count;
    }

    /// <summary>Reads the next chunk as it came off the descriptor, with the <see cref="System.Diagnostics.Stopwatch"/>
    /// time it was read; null once the terminal is disposed. Do not mix with <see cref="ReadAsync"/>.</summary>
    public async ValueTask<ReceivedChunk?> ReadChunkAsync(CancellationToken cancellationToken)
    {
        return await _received.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)
            && _received.Reader.TryRead(out var chunk) ? chunk : null;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(data.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes all of <paramref name="data"/> in one piece (no other write interleaves). The
    /// master is a blocking descriptor and the kernel buffers 4 KiB, so this returns at once for the
    /// short replies a controller sends.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_writeLock)
        {
            WriteAll(data);
        }
    }

    public void Write(string text) => Write(Encoding.ASCII.GetBytes(text));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Wake();
        _readerThread.Join();
        _ = LibC.close(_masterFd);
        _ = LibC.close(_wakeReadFd);
        _ = LibC.close(_wakeWriteFd);
        _received.Writer.TryComplete();
    }

    private unsafe void WriteAll(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var offset = 0;
            while (offset < data.Length)
            {
                var written = LibC.write(_masterFd, start + offset, (nuint)(data.Length - offset));
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EIntr)
                    {
                        continue;
                    }

                    throw new IOException($"Writing to the pseudo-terminal {SlavePath} failed with errno {errno}.");
                }

                offset += (int)written;
            }
        }
    }

    private unsafe void Wake()
    {
        byte one = 1;
        _ = LibC.write(_wakeWriteFd, &one, 1);
    }

    private unsafe void ReadLoop()
    {
        var buffer = new byte[ChunkSize];
        var fds = stackalloc LibC.PollFd[2];
        while (true)
        {
            fds[0] = new LibC.PollFd { Fd = _wakeReadFd, Events = LibC.PollIn };
            fds[1] = new LibC.PollFd { Fd = _masterFd, Events = LibC.PollIn };
            if (LibC.poll(fds, 2, -1) < 0)
            {
                continue; // EINTR
            }

            if (fds[0].Revents != 0)
            {
                break;
            }

            if ((fds[1].Revents & LibC.PollIn) != 0 && TryRead(buffer))
            {
                continue;
            }

            if ((fds[1].Revents & (LibC.PollHup | LibC.PollErr)) != 0)
            {
                // No client has the slave open. Wait for a wake-up or the back-off, then look again.
                fds[0].Revents = 0;
                if (LibC.poll(fds, 1, NoClientBackoffMs) > 0 && fds[0].Revents != 0)
                {
                    break;
                }
            }
        }

        _received.Writer.TryComplete();
    }

    private unsafe bool TryRead(byte[] buffer)
    {
        fixed (byte* start = buffer)
        {
            var count = LibC.read(_masterFd, start, (nuint)buffer.Length);
            if (count <= 0)
            {
                return false;
            }

            _received.Writer.TryWrite(new ReceivedChunk(buffer.AsSpan(0, (int)count).ToArray(), System.Diagnostics.Stopwatch.GetTimestamp()));
            return true;
        }
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw new IOException($"{call} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }
}

/// <summary>Bytes read from the pseudo-terminal in one piece and when (a Stopwatch timestamp).</summary>
public sealed record ReceivedChunk(byte[] Data, long ReceivedAt);
