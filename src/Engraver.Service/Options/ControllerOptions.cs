using System.ComponentModel.DataAnnotations;

namespace Engraver.Service.Options;

/// <summary>The laser controller's serial line.</summary>
public sealed class ControllerOptions
{
    public const string Section = "Controller";

    /// <summary>The value that starts the built-in station twin on a pseudo-terminal instead of opening a device.</summary>
    public const string SimulatorPort = "simulator";

    /// <summary>A serial device (/dev/ttyUSB0, COM3) or "simulator".</summary>
    [Required]
    public string Port { get; set; } = SimulatorPort;

    [Range(9600, 2_000_000)]
    public int BaudRate { get; set; } = 115200;

    /// <summary>How long the controller may stay silent before the link counts as faulted.</summary>
    [Range(100, 120_000)]
    public int ResponseTimeoutMs { get; set; } = 5000;

    /// <summary>Wait before the first attempt to reconnect after the link was lost; doubled after each failed
    /// attempt up to <see cref="ReconnectMaxDelayMs"/>.</summary>
    [Range(50, 60_000)]
    public int ReconnectDelayMs { get; set; } = 500;

    /// <summary>The longest wait between two attempts to reconnect.</summary>
    [Range(50, 600_000)]
    public int ReconnectMaxDelayMs { get; set; } = 5000;

    /// <summary>Speed-up of the twin's motion timing (1 = real time, 0 = instant). Only for "simulator".</summary>
    [Range(0.0, 1.0)]
    public double SimulatorTimeScale { get; set; } = 0.0;

    public bool IsSimulator => string.Equals(Port, SimulatorPort, StringComparison.OrdinalIgnoreCase);
}
