namespace Engraver.Core.Station;

/// <summary>The safety inputs as last read. Immutable: the station swaps in a new value on every change.</summary>
public sealed record Interlocks(bool DoorClosed, bool EStopReleased)
{
    public static Interlocks Safe { get; } = new(DoorClosed: true, EStopReleased: true);

    public bool PermitLaser => DoorClosed && EStopReleased;
}
