namespace Engraver.Core.Firmware;

/// <summary>What the station needs to know about one laser-controller firmware. Loaded from
/// firmware-profiles/*.json by <see cref="FirmwareProfileParser"/>; values are validated there.</summary>
public sealed record FirmwareProfile
{
    public required string Name { get; init; }

    /// <summary>The banner prefix the controller prints after a reset, e.g. "Grbl 1.1".</summary>
    public required string BannerPrefix { get; init; }

    public required string LineEnding { get; init; }

    /// <summary>Size of the controller's serial receive buffer; character counting keeps the bytes of
    /// unacknowledged lines at or below <see cref="RxBufferBytes"/> - 1.</summary>
    public required int RxBufferBytes { get; init; }

    /// <summary>Planner blocks that hold queued motions, as the controller's "[OPT:]" reports them
    /// (GRBL 1.1: 15 of its 16-block ring).</summary>
    public required int PlannerBlocks { get; init; }

    /// <summary>The longest line the controller's line buffer takes, and how it counts (see <see cref="LineLimit"/>).</summary>
    public required LineLimit MaxLineLength { get; init; }

    public required StreamingMode Streaming { get; init; }

    public required LaserCommands Laser { get; init; }

    /// <summary>"$32" -> "1" and so on: settings the controller must hold before the station runs.</summary>
    public required IReadOnlyDictionary<string, string> RequiredSettings { get; init; }

    /// <summary>What connecting does when the controller's settings differ from <see cref="RequiredSettings"/>.</summary>
    public SettingsPolicy SettingsPolicy { get; init; } = SettingsPolicy.Verify;

    /// <summary>The highest feed (mm/min) the station lets a recipe ask of this firmware; null when the profile
    /// names none (the controller's own max rates, $110 and $111, still apply once it is connected).</summary>
    public double? MaxFeedMmPerMin { get; init; }

    /// <summary>Motion axes the firmware reports (GRBL 1.1: 3; grblHAL builds up to 6).</summary>
    public int Axes { get; init; } = 3;

    public required IReadOnlyDictionary<int, string> Errors { get; init; }

    public required IReadOnlyDictionary<int, string> Alarms { get; init; }

    public string DescribeError(int code) =>
        Errors.TryGetValue(code, out var text) ? text : $"Unknown error {code} (not in the {Name} profile).";

    public string DescribeAlarm(int code) =>
        Alarms.TryGetValue(code, out var text) ? text : $"Unknown alarm {code} (not in the {Name} profile).";
}

public enum SettingsPolicy
{
    /// <summary>Refuse to run, naming the setting that differs.</summary>
    Verify,

    /// <summary>Write the required value, then read it back.</summary>
    Write,
}

public enum StreamingMode
{
    CharacterCounting,
    SendAndWait,
}

/// <summary>How the laser is switched and how power maps to the S word. <see cref="OnCommand"/> switches it on
/// in dynamic power (GRBL's M4), <see cref="ConstantOnCommand"/> in constant power (M3).</summary>
public sealed record LaserCommands(string OnCommand, string OffCommand, int PowerMin, int PowerMax)
{
    public string ConstantOnCommand { get; init; } = "M3";

    /// <summary>S value for a power fraction in [0, 1], rounded to an integer of the profile's range.</summary>
    public int ScalePower(double fraction)
    {
        var clamped = Math.Clamp(fraction, 0.0, 1.0);
        return PowerMin + (int)Math.Round(clamped * (PowerMax - PowerMin), MidpointRounding.AwayFromZero);
    }
}
