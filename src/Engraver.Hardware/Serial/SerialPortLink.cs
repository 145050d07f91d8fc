using System.IO.Ports;

namespace Engraver.Hardware.Serial;

/// <summary><see cref="ISerialLink"/> over System.IO.Ports: 8N1, no handshake. Opening discards bytes
/// the device sent before anyone listened, so a reply is never mistaken for an old one.</summary>
public sealed class SerialPortLink(SerialLinkOptions options) : ISerialLink
{
    private readonly SerialPort _port = new(options.PortName, options.BaudRate, Parity.None, 8, StopBits.One)
    {
        Handshake = Handshake.None,
        ReadTimeout = SerialPort.InfiniteTimeout,
        WriteTimeout = SerialPort.InfiniteTimeout,
    };

    private Stream? _stream;
    private bool _disposed;
    private volatile SerialLinkException? _failure;

    public string Name => options.PortName;

    public void Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_stream is not null)
        {
            throw new InvalidOperationException($"The serial link {Name} is already open.");
        }

        try
        {
            _port.Open();
            _port.DiscardInBuffer();
            _stream = _port.BaseStream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new SerialLinkException($"Cannot open serial port {Name} at {options.BaudRate} baud: {e.Message}", e);
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var stream = OpenStream();
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            throw Fail(new SerialLinkException($"Reading from serial port {Name} failed: {e.Message}", e));
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var stream = OpenStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.WriteTimeout);
        try
        {
            await stream.WriteAsync(data, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(new SerialLinkException($"Writing {data.Length} bytes to serial port {Name} did not complete within {options.WriteTimeout.TotalSeconds:0.###} s; the device is not taking data."));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            throw Fail(new SerialLinkException($"Writing to serial port {Name} failed: {e.Message}", e));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;

        // Closing the stream first fails any write still queued; SerialPort.Dispose alone would flush,
        // and on Linux that waits forever for a write the dead link will never take.
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        _port.Dispose();
    }

    private Stream OpenStream()
    {
        if (_disposed)
        {
            throw new SerialLinkException($"The serial link {Name} is closed.");
        }

        if (_failure is { } failure)
        {
            throw new SerialLinkException(failure.Message, failure);
        }

        return _stream ?? throw new InvalidOperationException($"The serial link {Name} is not open; call Open first.");
    }

    /// <summary>Once the port failed it stays failed: System.IO.Ports stops serving it after an error.</summary>
    private SerialLinkException Fail(SerialLinkException failure)
    {
        _failure ??= failure;
        return failure;
    }
}
