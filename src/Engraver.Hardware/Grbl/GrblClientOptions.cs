namespace Engraver.Hardware.Grbl;

public sealed record GrblClientOptions
{
    public const string SectionName = "Grbl";

    /// <summary>Wait for the banner after a soft reset.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait for one line's answer or a status report. While streaming this also covers the
    /// time the controller takes to free a planner block, so it must exceed the longest single move.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait for a homing cycle.</summary>
    public TimeSpan HomingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait for everything queued to finish executing (G4 sync, then Idle).</summary>
    public TimeSpan SyncTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>After a timeout the controller is soft-reset; this long at most is spent writing the reset
    /// byte and waiting for the banner that follows (a frozen controller sends none).</summary>
    public TimeSpan StopAnswerTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Between status queries while waiting for Idle.</summary>
    public TimeSpan StatusPollInterval { get; init; } = TimeSpan.FromMilliseconds(20);
}
