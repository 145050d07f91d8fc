namespace Engraver.Hardware.Grbl;

/// <summary>One line received from a GRBL controller, parsed by <see cref="GrblResponseParser"/>.</summary>
public abstract record GrblMessage;

/// <summary>"ok": the oldest unacknowledged line was parsed (not yet executed).</summary>
public sealed record GrblOk : GrblMessage
{
    public static GrblOk Instance { get; } = new();
}

/// <summary>"error:N": the oldest unacknowledged line was rejected.</summary>
public sealed record GrblError(int Code) : GrblMessage;

/// <summary>"ALARM:N": the controller locked itself.</summary>
public sealed record GrblAlarm(int Code) : GrblMessage;

/// <summary>The welcome line after power-up or reset, e.g. "Grbl 1.1h ['$' for help]".</summary>
public sealed record GrblBanner(string Text, string Version) : GrblMessage;

/// <summary>A bracketed feedback line such as "[MSG:Caution: Unlocked]" or "[GC:G0 G54 ...]".</summary>
public sealed record GrblFeedback(string Kind, string Text) : GrblMessage;

/// <summary>"[VER:1.1h.20190830:name]".</summary>
public sealed record GrblVersionInfo(string Version, string BuildName) : GrblMessage;

/// <summary>"[OPT:V,15,128]": option letters, free planner blocks, free RX buffer bytes.</summary>
public sealed record GrblOptionsInfo(string Codes, int? PlannerBlocks, int? RxBufferBytes) : GrblMessage;

/// <summary>"$n=v" as listed by "$$".</summary>
public sealed record GrblSetting(int Number, string Value) : GrblMessage;

/// <summary>A line that is none of the above, kept as received.</summary>
public sealed record GrblUnknown(string Text) : GrblMessage;

/// <summary>Bytes that are not a GRBL reply (noise, invalid UTF-8, an over-long run) were skipped; the
/// answers around them are still counted.</summary>
public sealed record GrblNoise(string Description) : GrblMessage;
