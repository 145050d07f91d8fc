namespace Engraver.Core.Station;

/// <summary>The station inputs as last read (true = the healthy state). Immutable: the station swaps in a
/// new value on every change.</summary>
public sealed record Interlocks(
    bool DoorClosed,
    bool EStopReleased,
    bool TrayPresent = true,
    bool ClampClosed = true,
    bool AirOk = true,
    bool FumeExtractorOk = true)
{
    public static Interlocks Safe { get; } = new(DoorClosed: true, EStopReleased: true);

    /// <summary>The safety chain: the only inputs that decide whether the laser may be powered.</summary>
    public bool PermitLaser => DoorClosed && EStopReleased;

    /// <summary>Everything a new pin needs: the safety chain, a clamped tray, air assist and fume extraction.</summary>
    public bool ReadyForPin => PermitLaser && TrayPresent && ClampClosed && AirOk && FumeExtractorOk;

    /// <summary>What is not ready, for the operator ("door open, air low"); empty when ready.</summary>
    public string NotReadyReasons()
    {
        var reasons = new List<string>();
        AddIf(!DoorClosed, "door open");
        AddIf(!EStopReleased, "e-stop pressed");
        AddIf(!TrayPresent, "no tray");
        AddIf(!ClampClosed, "clamp open");
        AddIf(!AirOk, "air assist low");
        AddIf(!FumeExtractorOk, "fume extractor off");
        return string.Join(", ", reasons);

        void AddIf(bool condition, string reason)
        {
            if (condition)
            {
                reasons.Add(reason);
            }
        }
    }
}
