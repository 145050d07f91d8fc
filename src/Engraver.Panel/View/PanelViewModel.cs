using System.Globalization;
using Engraver.Core.Station;
using Engraver.Panel.Api;
using Engraver.Panel.Status;

namespace Engraver.Panel.View;

/// <summary>Everything the panel's one screen shows, worked out from the last status, the user's role
/// and the link to the service; no terminal types, so every line can be tested as text.</summary>
public sealed record PanelViewModel(
    string User,
    PanelRole Role,
    string Banner,
    StackLightColour Light,
    string Connection,
    IReadOnlyList<string> InterlockLines,
    string MotionLine,
    string JobLine,
    double JobFraction,
    string JobProgressText,
    string LastPinLine,
    IReadOnlyList<string> AlarmLines,
    IReadOnlyList<ActionKey> Keys,
    string? JobId,
    long? AlarmToAcknowledge,
    string? PinToResolve)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string KeysLine => string.Join("  ", Keys);

    /// <summary>The pin waiting for inspection, on three lines (which pin, why, its evidence); empty when none waits.</summary>
    public IReadOnlyList<string> InspectionLines { get; init; } = [];

    /// <summary>Shown in amber while a pin waits for inspection.</summary>
    public bool InspectionWaiting => InspectionLines.Count > 0;

    /// <summary>The serials of the job that need a new pin, or empty.</summary>
    public string NeedNewPinLine { get; init; } = string.Empty;

    /// <summary>The job's pins used and verified, and its records.</summary>
    public string PinsLine { get; init; } = string.Empty;

    /// <summary>What waits for a person besides the station state, shown in amber: the pin waiting for inspection
    /// and the serials that need a new pin.</summary>
    public IReadOnlyList<string> AttentionLines =>
        NeedNewPinLine.Length == 0 ? InspectionLines : [.. InspectionLines, NeedNewPinLine];

    public bool Allows(PanelAction action) => ActionKeys.IsAllowed(Role, action);

    /// <summary>How far an arrow key jogs; the screen keeps it and hands it in.</summary>
    public JogStep Jog { get; init; } = JogStep.Default;

    /// <summary>The jog's keys and step, for a role that may jog; empty otherwise.</summary>
    public string JogLine => Allows(PanelAction.Jog)
        ? $"Jog: {ActionKeys.JogKeys}, step {Jog} ({ActionKeys.JogStepKey})"
        : string.Empty;

    /// <summary>"Feed 110% Power 95%" as the controller reports them in force.</summary>
    public string OverridesLine { get; init; } = "Overrides: unknown";

    /// <summary>Highlighted: the machine does not run its recipe as written.</summary>
    public bool OverridesActive { get; init; }

    public static (string Line, bool Active) OverridesFor(ControllerStatus? controller) =>
        controller is { FeedOverridePercent: { } feed, PowerOverridePercent: { } power }
            ? (string.Create(Invariant, $"Feed {feed}% Power {power}%"), feed != 100 || power != 100)
            : ("Overrides: not reported", false);

    public static PanelViewModel Create(string user, PanelRole role, StatusSnapshot? snapshot, FeedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var keys = ActionKeys.For(role);
        if (snapshot is null)
        {
            return new PanelViewModel(
                user, role, connection.Kind == FeedConnectionKind.Lost ? connection.Describe() : "Waiting for the station's status",
                StackLightColour.Amber, connection.Describe(), [], "Controller: unknown", "Job: unknown", 0, string.Empty,
                "Last pin: unknown", [], keys, null, null, null);
        }

        var (fraction, progress) = Progress(snapshot.Job);
        var (overrides, overridden) = OverridesFor(snapshot.Controller);
        return new PanelViewModel(
            user,
            role,
            BannerFor(snapshot, connection),
            LightFor(snapshot, connection),
            connection.Describe(),
            InterlockLinesFor(snapshot.Interlocks),
            MotionLineFor(snapshot.Controller),
            JobLineFor(snapshot.Job),
            fraction,
            progress,
            LastPinLineFor(snapshot.LastPin),
            AlarmLinesFor(snapshot.Alarms),
            keys,
            snapshot.Job?.JobId,
            snapshot.Alarms.FirstOrDefault(alarm => !alarm.Acknowledged)?.Id,
            // The pin waiting for inspection, whatever state the station is in (an e-stop or a pause may hold it).
            snapshot.Inspection?.Serial ?? (snapshot.State == StationState.NeedsInspection ? snapshot.LastPin?.Serial : null))
        {
            InspectionLines = InspectionLinesFor(snapshot.Inspection),
            NeedNewPinLine = NeedNewPinLineFor(snapshot.Job),
            PinsLine = PinsLineFor(snapshot.Job),
            OverridesLine = overrides,
            OverridesActive = overridden,
        };
    }

    public static IReadOnlyList<string> InspectionLinesFor(InspectionWaiting? inspection)
    {
        if (inspection is null)
        {
            return [];
        }

        var more = inspection.MoreWaiting > 0 ? string.Create(Invariant, $"  (+{inspection.MoreWaiting} more waiting)") : string.Empty;
        return
        [
            string.Create(Invariant, $"INSPECT {inspection.Make} {inspection.Model} {inspection.Serial}: job {inspection.JobId}, slot {inspection.Slot}, attempt {inspection.Attempt}{more}"),
            $"Why: {(string.IsNullOrWhiteSpace(inspection.Reason) ? "not given" : inspection.Reason.Trim())}",
            $"Evidence: {(string.IsNullOrWhiteSpace(inspection.EvidencePath) ? "none (no picture was taken)" : inspection.EvidencePath.Trim())}   Ctrl+R to resolve",
        ];
    }

    /// <summary>Pins apart from serials (a serial may take several pins) and the records beside them; empty from a
    /// service that does not count them.</summary>
    public static string PinsLineFor(JobProgress? job) =>
        job?.Pins is { } pins ? string.Create(Invariant, $"Pins: {pins.Used} used, {pins.Verified} verified; {pins.Records} records") : string.Empty;

    public static string NeedNewPinLineFor(JobProgress? job) =>
        job is { NeedNewPin.Count: > 0 } ? $"Need a new pin: {string.Join(", ", job.NeedNewPin)}" : string.Empty;

    /// <summary>The colour the service gives. A status the panel no longer receives may be out of date: never
    /// green. A service that sends no colour gets one from its state (amber while it waits to be homed or started).</summary>
    public static StackLightColour LightFor(StatusSnapshot snapshot, FeedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Kind != FeedConnectionKind.Live)
        {
            return StackLightColour.Amber;
        }

        return snapshot.Light
            ?? ((snapshot.Homed && snapshot.Started) || snapshot.State != StationState.Idle ? StackLight.For(snapshot.State) : StackLightColour.Amber);
    }

    public static string BannerFor(StatusSnapshot snapshot, FeedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(connection);
        var words = snapshot.State switch
        {
            StationState.Idle when !snapshot.Homed => "Not homed",
            StationState.Idle when !snapshot.Started => "Not started",
            // Idle with something asked of a person (a full tray, a paused job) is not "Ready".
            StationState.Idle when !string.IsNullOrWhiteSpace(snapshot.NextAction) => "Waiting for the operator",
            _ => StackLight.Banner(snapshot.State),
        };
        var simulated = snapshot.SimulatedDevices is { Count: > 0 } devices ? $"SIMULATED ({string.Join(", ", devices)})  " : "";
        var banner = $"{simulated}{snapshot.Station}  {snapshot.State}: {words}";
        if (snapshot.HeldFrom is { } heldFrom)
        {
            banner += $" (held from {heldFrom})";
        }

        // The next action before the reason: the banner has two lines, and a long reason (a lost link's) may be cut.
        if (!string.IsNullOrWhiteSpace(snapshot.NextAction))
        {
            banner += $". Next: {snapshot.NextAction.Trim()}";
        }

        if (!string.IsNullOrWhiteSpace(snapshot.Reason))
        {
            banner += $". Why: {snapshot.Reason.Trim()}";
        }

        return connection.Kind == FeedConnectionKind.Live ? banner : $"{connection.Describe()}. Last known: {banner}";
    }

    public static IReadOnlyList<string> InterlockLinesFor(InterlockStatus interlocks)
    {
        ArgumentNullException.ThrowIfNull(interlocks);
        return
        [
            Interlock(interlocks.DoorClosed, "Door", "closed", "OPEN"),
            Interlock(interlocks.EStopReleased, "E-stop", "released", "PRESSED"),
            Interlock(interlocks.TrayPresent, "Tray", "present", "MISSING"),
            Interlock(interlocks.ClampClosed, "Clamp", "closed", "OPEN"),
            Interlock(interlocks.AirOk, "Air", "ok", "LOW"),
            Interlock(interlocks.FumeExtractorOk, "Fume extractor", "ok", "FAULT"),
        ];
    }

    public static string MotionLineFor(ControllerStatus? controller) =>
        controller is null || !controller.Connected
            ? "Controller: not connected"
            : string.Create(
                Invariant,
                $"X {Number(controller.X, "0.000")}  Y {Number(controller.Y, "0.000")}  Z {Number(controller.Z, "0.000")} mm   feed {Number(controller.FeedMmPerMin, "0")} mm/min   power {Number(controller.PowerFraction * 100, "0")}%   buffer {(controller.BufferFree is { } free ? free.ToString(Invariant) : "-")}   controller {controller.State ?? "-"}");

    /// <summary>A value the controller reported, or "-" when its last report did not carry it.</summary>
    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "-";

    public static string JobLineFor(JobProgress? job) => job switch
    {
        null => "No job",
        { Serials: { } serials } => string.Create(Invariant,
            $"Job {job.JobId} {job.State}: {serials.Verified} verified of {serials.Total} serials, {serials.Pending} pending, {serials.Engraving} engraving, {serials.NeedsInspection} inspect, {serials.Failed} failed"),
        _ => $"Job {job.JobId} {job.State}: {job.Verified} verified",
    };

    public static (double Fraction, string Text) Progress(JobProgress? job)
    {
        if (job is null)
        {
            return (0, string.Empty);
        }

        var fraction = job.Total <= 0 ? 0 : Math.Clamp((double)job.Finished / job.Total, 0, 1);
        var eta = job.EtaSeconds is { } seconds ? DurationText.Format(seconds) : "--";
        return (fraction, string.Create(Invariant, $"{job.Finished}/{job.Total}, ETA {eta}"));
    }

    public static string LastPinLineFor(LastPin? pin)
    {
        if (pin is null)
        {
            return "Last pin: none yet";
        }

        var verdict = pin.Outcome switch
        {
            "Verified" => "PASS",
            "NeedsInspection" => "CHECK",
            _ => "FAIL",
        };
        var line = string.Create(
            Invariant,
            $"Last pin: {pin.Make} {pin.Model} {pin.Serial} (slot {pin.Slot}, attempt {pin.Attempt})  grade {pin.Grade ?? "-"}  {verdict} ({pin.Outcome})");
        return string.IsNullOrWhiteSpace(pin.Reason) ? line : $"{line}: {pin.Reason.Trim()}";
    }

    /// <summary>Each alarm on one line, and the firmware profile's plain-language help indented below it.</summary>
    public static IReadOnlyList<string> AlarmLinesFor(IReadOnlyList<AlarmEntry> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        if (alarms.Count == 0)
        {
            return ["No alarms"];
        }

        var lines = new List<string>();
        foreach (var alarm in alarms)
        {
            var state = alarm.Acknowledged ? "acknowledged" : "NOT ACKNOWLEDGED";
            lines.Add(string.Create(Invariant, $"#{alarm.Id} {alarm.Code} {alarm.Text} at {alarm.RaisedAt.ToUniversalTime():HH:mm:ss}Z, {state}"));
            if (!string.IsNullOrWhiteSpace(alarm.Help))
            {
                lines.Add($"    {alarm.Help.Trim()}");
            }
        }

        return lines;
    }

    private static string Interlock(bool ok, string name, string good, string bad) =>
        ok ? $"[ok] {name} {good}" : $"[!!] {name} {bad}";
}
