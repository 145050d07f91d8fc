namespace Engraver.Hardware.Serial;

/// <summary>A byte link to a device (a serial port, or the simulator's pseudo-terminal). Failures of
/// the link surface as <see cref="SerialLinkException"/>; cancellation as OperationCanceledException.</summary>
public interface ISerialLink : IAsyncDisposable
{
    /// <summary>Where the link goes, for messages (e.g. "/dev/ttyUSB0").</summary>
    string Name { get; }

    void Open();

    /// <summary>Reads at least one byte; 0 means the link reached its end and will give no more.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
