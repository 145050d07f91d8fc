namespace Engraver.Hardware.Grbl;

/// <summary>What the controller said about itself when the link came up.</summary>
public sealed record GrblConnection(
    string Banner,
    string Version,
    string? BuildVersion,
    string? OptionCodes,
    int? PlannerBlocks,
    int? RxBufferBytes,
    GrblMachineState State);

/// <summary>The final answer to one line plus the info lines that came before it.</summary>
public sealed record GrblReply(string Line, GrblMessage Result, IReadOnlyList<GrblMessage> Info)
{
    public bool IsOk => Result is GrblOk;
}

/// <summary>Single-byte commands GRBL acts on as they arrive, bypassing its receive buffer.</summary>
public static class GrblRealtime
{
    public const byte StatusQuery = (byte)'?';
    public const byte FeedHold = (byte)'!';
    public const byte CycleStart = (byte)'~';
    public const byte SoftReset = 0x18;
    public const byte SafetyDoor = 0x84;
}
