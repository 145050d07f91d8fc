namespace Engraver.Simulator.Grbl;

/// <summary>How the simulated controller behaves. Defaults match a GRBL 1.1h laser build.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Wall-clock seconds per simulated second of motion or dwell. 0 executes instantly; the
    /// small default keeps the planner busy (so back-pressure is real) while tests stay fast.</summary>
    public double TimeScale { get; init; } = 0.002;

    /// <summary>Serial receive buffer of the controller (GRBL 1.1: 128 bytes).</summary>
    public int RxBufferBytes { get; init; } = 128;

    /// <summary>Planner blocks that hold queued motions, as "[OPT:]" reports them (GRBL 1.1: 15 of its
    /// 16-block ring, one of which always stays empty).</summary>
    public int PlannerBlocks { get; init; } = 15;

    /// <summary>Emulated serial speed: each byte takes 10 bit times in each direction. 0 passes bytes as
    /// fast as the pseudo-terminal moves them.</summary>
    public int BaudRate { get; init; }

    /// <summary>When set, a symbolic link at this path names the current pseudo-terminal (replaced when the
    /// cable is plugged in again, removed on dispose), so a client can open one stable path, as a udev rule gives a
    /// USB serial adapter a stable name.</summary>
    public string? LinkPath { get; init; }

    public void Validate()
    {
        if (BaudRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BaudRate), BaudRate, "BaudRate must be 0 (no emulated wire) or a positive number.");
        }

        if (double.IsNaN(TimeScale) || TimeScale < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeScale), TimeScale, "TimeScale must be 0 or a positive number.");
        }

        if (RxBufferBytes < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(RxBufferBytes), RxBufferBytes, "RxBufferBytes must be at least 16.");
        }

        if (PlannerBlocks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PlannerBlocks), PlannerBlocks, "PlannerBlocks must be at least 1.");
        }
    }
}
