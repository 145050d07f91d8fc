namespace Engraver.Hardware.Grbl;

/// <summary>What the controller said about itself when the link came up. <see cref="MachineId"/> is the
/// string stored with "$I=" (the build-info line's last field); <see cref="RxBufferBytes"/> is the
/// receive buffer the streams use, from "[OPT:]" when reported, else from the profile.</summary>
public sealed record GrblConnection(
    string Banner,
    string Version,
    string? BuildVersion,
    string? OptionCodes,
    int? PlannerBlocks,
    int? RxBufferBytes,
    GrblMachineState State)
{
    public string? MachineId { get; init; }

    /// <summary>Required settings written at connect because the profile says to write them.</summary>
    public IReadOnlyList<GrblSettingMismatch> SettingsWritten { get; init; } = [];

    /// <summary>The machine's travel, soft limits and homing as "$$" listed them.</summary>
    public required GrblMachineSettings Machine { get; init; }
}

/// <summary>The final answer to one line plus the info lines that came before it.</summary>
public sealed record GrblReply(string Line, GrblMessage Result, IReadOnlyList<GrblMessage> Info)
{
    public bool IsOk => Result is GrblOk;
}

/// <summary>Single-byte commands GRBL acts on as they arrive, bypassing its receive buffer
/// (GRBL 1.1 interface, "Realtime commands").</summary>
public static class GrblRealtime
{
    public const byte StatusQuery = (byte)'?';
    public const byte FeedHold = (byte)'!';
    public const byte CycleStart = (byte)'~';
    public const byte SoftReset = 0x18;
    public const byte SafetyDoor = 0x84;
    public const byte JogCancel = 0x85;
    public const byte FeedOverrideReset = 0x90;
    public const byte FeedOverridePlus10 = 0x91;
    public const byte FeedOverrideMinus10 = 0x92;
    public const byte FeedOverridePlus1 = 0x93;
    public const byte FeedOverrideMinus1 = 0x94;

    /// <summary>Spindle overrides scale laser power in laser mode.</summary>
    public const byte LaserPowerOverrideReset = 0x99;
    public const byte LaserPowerOverridePlus10 = 0x9A;
    public const byte LaserPowerOverrideMinus10 = 0x9B;
    public const byte LaserPowerOverridePlus1 = 0x9C;
    public const byte LaserPowerOverrideMinus1 = 0x9D;
}
