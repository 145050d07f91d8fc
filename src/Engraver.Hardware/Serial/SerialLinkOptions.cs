namespace Engraver.Hardware.Serial;

/// <summary>Where the laser controller is connected and how fast.</summary>
public sealed record SerialLinkOptions
{
    public const string SectionName = "Serial";

    /// <summary>Device path (/dev/ttyUSB0, /dev/pts/3) or COM port name.</summary>
    public required string PortName { get; init; }

    /// <summary>GRBL 1.1 talks at 115200 baud, 8N1, no handshake.</summary>
    public int BaudRate { get; init; } = 115200;

    /// <summary>Without handshake a write only waits for the driver; one that takes longer means the
    /// device is gone (System.IO.Ports on Linux never completes writes queued after a hang-up).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
