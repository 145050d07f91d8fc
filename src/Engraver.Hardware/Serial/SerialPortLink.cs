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
            throw new SerialLinkException($"Reading from serial port {Name} failed: {e.Message}", e);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var stream = OpenStream();
        try
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            throw new SerialLinkException($"Writing to serial port {Name} failed: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _port.Dispose();
        return ValueTask.CompletedTask;
    }

    private Stream OpenStream() =>
        _stream ?? throw new InvalidOperationException($"The serial link {Name} is not open; call Open first.");
}
