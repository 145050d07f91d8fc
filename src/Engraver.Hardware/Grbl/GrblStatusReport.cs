namespace Engraver.Hardware.Grbl;

/// <summary>A position reported by GRBL, in millimetres (or inches if $13=1).</summary>
public readonly record struct GrblPosition(double X, double Y, double Z)
{
    public static GrblPosition operator +(GrblPosition a, GrblPosition b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static GrblPosition operator -(GrblPosition a, GrblPosition b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
}

public enum GrblMachineState
{
    Idle,
    Run,
    Hold,
    Jog,
    Alarm,
    Door,
    Check,
    Home,
    Sleep,
}

/// <summary>"&lt;Idle|MPos:..|FS:..&gt;": GRBL 1.1 reports only some fields each time (WCO and Ov
/// every few reports, MPos or WPos depending on $10), so every field but the state is optional.</summary>
public sealed record GrblStatusReport(GrblMachineState State, int? SubState) : GrblMessage
{
    public GrblPosition? MachinePosition { get; init; }

    public GrblPosition? WorkPosition { get; init; }

    public GrblPosition? WorkCoordinateOffset { get; init; }

    public double? FeedRate { get; init; }

    public double? SpindleSpeed { get; init; }

    /// <summary>Bf: free planner blocks and free RX buffer bytes.</summary>
    public (int PlannerBlocks, int RxBytes)? BufferState { get; init; }

    /// <summary>Ov: feed, rapid and spindle overrides in percent.</summary>
    public (int Feed, int Rapid, int Spindle)? Overrides { get; init; }

    /// <summary>Pn: the input pins that are active (letters such as X, Y, Z, P, D, H, R, S).</summary>
    public string? Pins { get; init; }

    /// <summary>Ln: the N line number executing.</summary>
    public int? LineNumber { get; init; }
}
