using Engraver.Core.Station;
using Engraver.Hardware.Grbl;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>Builds the <see cref="StatusSnapshot"/> from what the station worker published.</summary>
public sealed class StatusSnapshotBuilder(
    StationRuntime runtime, IOptions<StationOptions> station, QueueStatus queue, SimulatedDevices simulated, StationRigFactory? rigs = null)
{
    public StatusSnapshot Build()
    {
        var view = runtime.View();
        var wait = queue.Current;
        var now = runtime.Clock.GetUtcNow();
        var snapshot = view.Station;
        var state = snapshot?.State ?? StationState.Disconnected;
        var interlocks = snapshot?.Interlocks ?? Interlocks.Safe;
        var nextAction = NextAction(state, snapshot, view, wait);
        return new StatusSnapshot(
            station.Value.Id,
            state.ToString(),
            snapshot?.HeldFrom?.ToString(),
            Reason(state, interlocks, view, wait, now),
            new InterlocksStatus(interlocks.DoorClosed, interlocks.EStopReleased, interlocks.TrayPresent, interlocks.ClampClosed, interlocks.AirOk, interlocks.FumeExtractorOk),
            Controller(view),
            Job(view.Job, now),
            LastPin(view) is { } pin
                ? new LastPinStatus(pin.Serial, pin.Make, pin.Model, pin.Slot, pin.Attempt, pin.Grade, pin.Outcome.ToString(), pin.Reason, pin.FinishedAt.UtcDateTime)
                : null,
            [.. view.Alarms.Select(a => new AlarmStatus(a.Id, a.Code, a.Text, a.Help, a.RaisedAt.UtcDateTime, a.Acknowledged))],
            now.UtcDateTime)
        {
            Homed = snapshot?.HomedSinceReset ?? false,
            Started = snapshot?.Started ?? false,
            NextAction = nextAction,
            Light = StationLightRule.For(state, interlocks.EStopReleased, nextAction),
            SimulatedDevices = simulated.Names,
            Inspection = Inspection(view.AwaitingInspection),
            Camera = CameraGeometry(),
        };
    }

    private CameraGeometryStatus? CameraGeometry()
    {
        try
        {
            return rigs?.Geometry is { } g
                ? new CameraGeometryStatus(g.CalibrationId, g.Calibration?.CalibratedAt.UtcDateTime, g.Calibration?.CalibratedBy, g.OffsetMm.X, g.OffsetMm.Y, g.MillimetresPerPixel, g.RotationDeg, g.FocusZMm)
                : null;
        }
        catch (StationConfigurationException)
        {
            // A calibration file that cannot be used stops the station; the status still answers meanwhile.
            return null;
        }
    }

    /// <summary>The last pin the station ended, or a later one waiting for inspection (a pin settled by crash
    /// recovery, or one the worker has not reported yet): the newest of them.</summary>
    private static Traceability.Records.PinRecord? LastPin(RuntimeView view) =>
        view.AwaitingInspection.Append(view.LastPin).OfType<Traceability.Records.PinRecord>().MaxBy(p => p.FinishedAt);

    private static InspectionStatus? Inspection(IReadOnlyList<Traceability.Records.PinRecord> waiting)
    {
        if (waiting.Count == 0)
        {
            return null;
        }

        var oldest = waiting[0];
        return new InspectionStatus(oldest.Serial, oldest.Make, oldest.Model, oldest.JobId, oldest.Slot, oldest.Attempt, oldest.Reason,
            oldest.EvidencePath, oldest.FinishedAt.UtcDateTime, waiting.Count - 1);
    }

    /// <summary>What a person does next to get the station working again; null while it needs nobody.</summary>
    private static string? NextAction(StationState state, StationSnapshot? snapshot, RuntimeView view, QueueStatus.Snapshot wait) => state switch
    {
        StationState.Disconnected or StationState.Connecting when view.LinkDown is not null =>
            "Wait: the station reconnects to the controller by itself; then " + StationActions.Home,
        StationState.Disconnected or StationState.Connecting => "Wait: the station is connecting to the controller",
        StationState.Idle when snapshot is not { HomedSinceReset: true } => StationActions.Home,
        StationState.Idle when !snapshot.Started => StationActions.Start,
        StationState.Alarm => StationActions.Unlock,
        StationState.EStop when snapshot is { Interlocks.EStopReleased: true } => StationActions.ResetEStop,
        StationState.EStop => StationActions.ReleaseEStop,
        StationState.SafetyHold => StationActions.Resume,
        StationState.Paused => StationActions.ResumeStation,
        StationState.NeedsInspection => StationActions.Resolve,
        // Ready, but the queue waits for a person: a full tray, a paused job, an interlock.
        StationState.Idle => wait.NextAction,
        _ => null,
    };

    private static string? Reason(StationState state, Interlocks interlocks, RuntimeView view, QueueStatus.Snapshot wait, DateTimeOffset now)
    {
        var notReady = interlocks.NotReadyReasons();
        return state switch
        {
            StationState.Disconnected or StationState.Connecting when view.LinkDown is { } down => LinkDownText.Describe(down, now),
            StationState.Idle when view.Station is { HomedSinceReset: false } =>
                "not homed since the controller connected or the last reset; home, then start" + (notReady.Length > 0 ? "; " + notReady : ""),
            StationState.Idle when view.Station is { Started: false } =>
                "homed, waiting for the operator's Start" + (notReady.Length > 0 ? "; " + notReady : ""),
            StationState.Alarm => view.Alarms.LastOrDefault(a => !a.Acknowledged) is { } alarm
                ? $"{alarm.Code}: {alarm.Text}"
                : "controller alarm: unlock, home and start",
            StationState.EStop => interlocks.EStopReleased
                ? "e-stop released: reset it, then home and start"
                : "e-stop pressed: release it, then reset it",
            StationState.NeedsInspection => "a pin needs inspection" + (view.LastPin?.Reason is { } why ? ": " + why : ""),
            StationState.Paused => "paused" + (notReady.Length > 0 ? "; " + notReady : ""),
            StationState.Idle when wait is { NextAction: not null, WaitingBecause: { } because } => because,
            _ => notReady.Length > 0 ? notReady : null,
        };
    }

    private static ControllerStatus? Controller(RuntimeView view)
    {
        if (!view.ControllerAttached)
        {
            return null;
        }

        if (view.ControllerStatus is not { } report)
        {
            return new ControllerStatus(false, null, null, null, null, null, null, null);
        }

        var position = report.MachinePosition ?? report.WorkPosition;
        double? power = report.SpindleSpeed is { } speed && view.LaserPowerMax > 0 ? speed / view.LaserPowerMax : null;
        return new ControllerStatus(
            true,
            report.State.ToString(),
            position?.X,
            position?.Y,
            position?.Z,
            report.FeedRate,
            power,
            report.BufferState?.PlannerBlocks)
        {
            FeedOverridePercent = report.Overrides?.Feed,
            PowerOverridePercent = report.Overrides?.Spindle,
        };
    }

    private static JobProgressStatus? Job(JobStatus? job, DateTimeOffset now)
    {
        if (job is null)
        {
            return null;
        }

        double? eta = null;
        if (job.State == "Running" && job.SettledHere > 0)
        {
            var perPin = (now - job.WatchedSince).TotalSeconds / job.SettledHere;
            eta = Math.Round(perPin * (job.Total - job.Finished), 1);
        }
        else if (job.State is "Finished" or "Cancelled")
        {
            eta = 0;
        }

        var counted = job.Counted;
        return new JobProgressStatus(job.JobId, job.State, job.Finished, job.Total, job.Verified, eta)
        {
            Serials = counted is null ? null
                : new JobSerialCounts(counted.Total, counted.Verified, counted.Pending, counted.Engraving, counted.NeedsInspection, counted.Failed, counted.Cancelled),
            Pins = counted is null ? null : new JobPinCounts(counted.PinsUsed, counted.PinsVerified, counted.Records),
            NeedNewPin = counted?.NeedNewPin ?? [],
        };
    }
}
